package io.chunkrt.ros.node;

import io.chunkrt.control.ControlLoop;
import io.chunkrt.replay.record.FlightEvent;
import io.chunkrt.replay.record.RecorderChannel;
import io.chunkrt.ros.msg.BoolMessage;
import io.chunkrt.ros.transport.MessageSubscription;
import io.chunkrt.ros.transport.ReceiveWaitSet;
import io.chunkrt.ros.transport.RosSubscription;
import io.chunkrt.time.Clock;
import io.chunkrt.safety.SafetyFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's topics, {@code ~/enable} and {@code ~/estop} (std_msgs/Bool), and what they do to the loop:
 * <ul>
 *   <li>{@code ~/enable true}: commands flow (after a soft start from the measured pose); {@code false}: they stop
 *       (a trajectory controller is sent one point holding the last command);</li>
 *   <li>{@code ~/estop true}: the safety layer latches hold at once; the arm decelerates within its limits and
 *       holds, and hold commands keep flowing so every controller type stops;</li>
 *   <li>the latch is released only by {@code ~/estop false} followed by {@code ~/enable true}, which restarts from
 *       the measured pose with a soft start; {@code ~/enable true} while the last {@code ~/estop} said true is
 *       refused and counted.</li>
 * </ul>
 * The e-stop topic is drained before the enable topic, so an e-stop and an enable taken together leave the arm
 * stopped. Operator events are rare and matter, so they are logged (from this receive thread, never the control
 * thread).
 */
final class OperatorInputs implements Inbound {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorInputs.class);

    private final MessageSubscription<BoolMessage> enable;
    private final MessageSubscription<BoolMessage> estop;
    private final BoolMessage message = new BoolMessage();
    private final ControlLoop loop;
    private final SafetyFilter safety;
    private final String enableTopic;
    private final String estopTopic;
    private volatile boolean enabled;
    private volatile boolean estopInput;
    private boolean latched;
    private volatile long enableMessages;
    private volatile long disableMessages;
    private volatile long estopMessages;
    private volatile long releaseMessages;
    private volatile long refusedEnables;
    private RecorderChannel recorder;
    private Clock clock;
    private int enableRecordTopic = -1;
    private int estopRecordTopic = -1;
    private long receiveNs;

    OperatorInputs(MessageSubscription<BoolMessage> enable, MessageSubscription<BoolMessage> estop, ControlLoop loop, boolean enabledAtStart) {
        this.enable = enable;
        this.estop = estop;
        this.loop = loop;
        this.safety = loop.safety();
        this.enableTopic = enable.subscription().topic();
        this.estopTopic = estop.subscription().topic();
        this.enabled = enabledAtStart;
        loop.enabled(enabledAtStart);
    }

    /**
     * Records every ~/enable and ~/estop message as received, and what it decided on /chunkrt/events, on the joint
     * states' receive thread's channel (set before the thread starts).
     */
    void recordTo(RecorderChannel channel, Clock receiveClock, int enableTopic, int estopTopic) {
        this.recorder = channel;
        this.clock = receiveClock;
        this.enableRecordTopic = enableTopic;
        this.estopRecordTopic = estopTopic;
    }

    private void recordSample(MessageSubscription<BoolMessage> from, int topic) {
        if (recorder != null) {
            receiveNs = clock.nanoTime();
            RosSubscription s = from.subscription();
            recorder.serialized(topic, receiveNs, s.sampleBuffer(), 0, s.sampleLength());
        }
    }

    private void recordEvent(FlightEvent event) {
        if (recorder != null) {
            recorder.event(receiveNs, event, -1, 0, 0);
        }
    }

    @Override
    public void attachTo(ReceiveWaitSet waitSet) {
        waitSet.attach(estop.subscription());
        waitSet.attach(enable.subscription());
    }

    @Override
    public int drain() {
        int n = 0;
        MessageSubscription.Received r;
        while ((r = estop.takeInto(message)) != MessageSubscription.Received.NONE) {
            n++;
            if (r == MessageSubscription.Received.MESSAGE) {
                recordSample(estop, estopRecordTopic);
                onEstop(message.data);
            }
        }
        while ((r = enable.takeInto(message)) != MessageSubscription.Received.NONE) {
            n++;
            if (r == MessageSubscription.Received.MESSAGE) {
                recordSample(enable, enableRecordTopic);
                onEnable(message.data);
            }
        }
        return n;
    }

    private void onEstop(boolean stop) {
        if (stop) {
            estopMessages++;
            estopInput = true;
            latched = true;
            safety.requestEstop();
            recordEvent(FlightEvent.ESTOP_REQUESTED);
            LOG.warn("e-stop on {}: the arm holds; to resume publish false to {} and then true to {}", estopTopic, estopTopic, enableTopic);
        } else {
            releaseMessages++;
            estopInput = false;
            recordEvent(FlightEvent.ESTOP_RELEASED);
            if (latched) {
                LOG.warn("e-stop released on {}; the arm keeps holding until true is published to {}", estopTopic, enableTopic);
            }
        }
    }

    private void onEnable(boolean on) {
        if (!on) {
            disableMessages++;
            enabled = false;
            loop.enabled(false);
            recordEvent(FlightEvent.DISABLED);
            LOG.info("disabled on {}: commands stop", enableTopic);
            return;
        }
        if (estopInput) {
            refusedEnables++;
            recordEvent(FlightEvent.ENABLE_REFUSED);
            LOG.warn("enable on {} refused: the last message on {} was true (e-stop); publish false there first", enableTopic, estopTopic);
            return;
        }
        enableMessages++;
        if (latched) {
            latched = false;
            loop.resetEstop();
            LOG.warn("e-stop reset by enable on {}: restarting from the measured pose with a soft start", enableTopic);
        }
        enabled = true;
        loop.enabled(true);
        recordEvent(FlightEvent.ENABLED);
        LOG.info("enabled on {}: commands flow", enableTopic);
    }

    boolean enabled() {
        return enabled;
    }

    boolean estopInput() {
        return estopInput;
    }

    long enableMessages() {
        return enableMessages;
    }

    long disableMessages() {
        return disableMessages;
    }

    long estopMessages() {
        return estopMessages;
    }

    long releaseMessages() {
        return releaseMessages;
    }

    long refusedEnables() {
        return refusedEnables;
    }

    MessageSubscription<BoolMessage> enableSubscription() {
        return enable;
    }

    MessageSubscription<BoolMessage> estopSubscription() {
        return estop;
    }
}
