package io.chunkrt.ros.node;

import io.chunkrt.control.DoubleSnapshot;
import io.chunkrt.fusion.IngestStatus;
import io.chunkrt.fusion.JointStateStream;
import io.chunkrt.replay.record.RecorderChannel;
import io.chunkrt.ros.msg.JointNameMap;
import io.chunkrt.ros.msg.JointStateMessage;
import io.chunkrt.ros.transport.MessageSubscription;
import io.chunkrt.ros.transport.ReceiveWaitSet;
import io.chunkrt.ros.transport.RosSubscription;
import io.chunkrt.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One sensor_msgs/JointState topic on a receive thread. Each message is decoded into a reusable container and
 * then goes two ways, without allocation:
 * <ul>
 *   <li>to the policy: the positions of the joints the card's state inputs read from this topic are offered to
 *       its fusion {@link JointStateStream} (in the stream's own order, with the stream's own name array, so
 *       fusion's name mapping stays resolved);</li>
 *   <li>to the control thread: the positions of the commanded joints this topic carries are written to a
 *       latest-value snapshot with their receive time, when every one of them is present and finite.</li>
 * </ul>
 */
final class JointStateFeed implements Inbound {
    /** Why a message did not update the measured positions. */
    enum Fault { MISSING_JOINT, NO_POSITIONS, NOT_FINITE }

    private static final Fault[] FAULTS = Fault.values();

    private final String topic;
    private final MessageSubscription<JointStateMessage> subscription;
    private final JointStateMessage message;
    private final Clock clock;
    private final boolean headerStamps;
    private final JointStateStream stream;
    private final String[] streamNames;
    private final JointNameMap streamMap;
    private final int[] streamIndex;
    private final double[] streamPositions;
    private final JointNameMap measuredMap;
    private final int[] measuredIndex;
    private final double[] measuredPositions;
    private final DoubleSnapshot measured;
    private final AtomicLongArray faults = new AtomicLongArray(FAULTS.length);
    private volatile long measuredUpdates;
    private RecorderChannel recorder;
    private int recordTopic = -1;

    /**
     * @param stream         the fusion stream for the card's state joints on this topic, or null when it has none
     * @param measuredJoints the commanded joints this topic carries (may be empty)
     * @param headerStamps   false to time samples by their receive time (e.g. header stamps in simulation time)
     */
    JointStateFeed(String topic, MessageSubscription<JointStateMessage> subscription, JointStateMessage message, Clock clock, boolean headerStamps,
            JointStateStream stream, List<String> measuredJoints) {
        this.topic = topic;
        this.subscription = subscription;
        this.message = message;
        this.clock = clock;
        this.headerStamps = headerStamps;
        this.stream = stream;
        List<String> streamJoints = stream == null ? List.of() : stream.joints();
        this.streamNames = streamJoints.toArray(new String[0]);
        this.streamMap = new JointNameMap(streamJoints);
        this.streamIndex = new int[streamNames.length];
        this.streamPositions = new double[streamNames.length];
        this.measuredMap = new JointNameMap(measuredJoints);
        this.measuredIndex = new int[measuredJoints.size()];
        this.measuredPositions = new double[measuredJoints.size()];
        this.measured = new DoubleSnapshot(measuredJoints.size());
    }

    String topic() {
        return topic;
    }

    MessageSubscription<JointStateMessage> subscription() {
        return subscription;
    }

    /** The commanded joints' latest positions from this topic, stamped with their receive time. */
    DoubleSnapshot measured() {
        return measured;
    }

    long faults(Fault f) {
        return faults.get(f.ordinal());
    }

    long measuredUpdates() {
        return measuredUpdates;
    }

    /** Records every decoded message, as the CDR sample received, on {@code topic} of {@code channel} (set before the thread starts). */
    void recordTo(RecorderChannel channel, int topic) {
        this.recorder = channel;
        this.recordTopic = topic;
    }

    @Override
    public void attachTo(ReceiveWaitSet waitSet) {
        waitSet.attach(subscription.subscription());
    }

    @Override
    public int drain() {
        int n = 0;
        while (true) {
            MessageSubscription.Received r = subscription.takeInto(message);
            if (r == MessageSubscription.Received.NONE) {
                return n;
            }
            n++;
            if (r == MessageSubscription.Received.MESSAGE) {
                long receiveNs = clock.nanoTime();
                if (recorder != null) {
                    RosSubscription s = subscription.subscription();
                    recorder.serialized(recordTopic, receiveNs, s.sampleBuffer(), 0, s.sampleLength());
                }
                handle(receiveNs);
            }
        }
    }

    private void handle(long receiveNs) {
        long stampNs = headerStamps ? message.header.stamp.toNanos() : 0;
        boolean positions = message.positionCount() == message.nameCount() && message.nameCount() > 0;
        if (measuredIndex.length > 0) {
            updateMeasured(positions, receiveNs);
        }
        if (stream != null) {
            if (!positions) {
                stream.reject(IngestStatus.LENGTH_MISMATCH);
            } else if (streamMap.resolve(message, streamIndex) < streamIndex.length) {
                stream.reject(IngestStatus.MISSING_JOINT);
            } else {
                double[] p = message.positions();
                for (int i = 0; i < streamIndex.length; i++) {
                    streamPositions[i] = p[streamIndex[i]];
                }
                stream.offer(stampNs, receiveNs, streamNames, streamNames.length, streamPositions, streamPositions.length);
            }
        }
    }

    private void updateMeasured(boolean positions, long receiveNs) {
        if (!positions) {
            count(Fault.NO_POSITIONS);
            return;
        }
        if (measuredMap.resolve(message, measuredIndex) < measuredIndex.length) {
            count(Fault.MISSING_JOINT);
            return;
        }
        double[] p = message.positions();
        for (int i = 0; i < measuredIndex.length; i++) {
            double v = p[measuredIndex[i]];
            if (!Double.isFinite(v)) {
                count(Fault.NOT_FINITE);
                return;
            }
            measuredPositions[i] = v;
        }
        measured.write(measuredPositions, receiveNs);
        measuredUpdates = measuredUpdates + 1;
    }

    private void count(Fault f) {
        int i = f.ordinal();
        faults.lazySet(i, faults.get(i) + 1);
    }
}
