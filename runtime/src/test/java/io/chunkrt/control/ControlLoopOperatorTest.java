package io.chunkrt.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.card.ExecutionSettings;
import io.chunkrt.chunking.ActionInterpolator;
import io.chunkrt.chunking.ExecutorFactory;
import io.chunkrt.chunking.Interpolation;
import io.chunkrt.card.TestCards;
import io.chunkrt.policy.ActionChunk;
import io.chunkrt.safety.JointLimits;
import io.chunkrt.safety.SafetyConfig;
import io.chunkrt.safety.SafetyFault;
import io.chunkrt.safety.SafetyFilter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an operator does to a running loop (the ROS node's {@code ~/enable} and {@code ~/estop}): disabling stops
 * commands and tells the sink once; a reset e-stop restarts from the measured pose with a soft start. Virtual
 * time, a scripted inference service that always answers with a chunk of one constant target.
 */
class ControlLoopOperatorTest {
    private static final long PERIOD_NS = 10_000_000L;
    private static final int JOINTS = 2;
    private static final double TARGET = 0.8;

    /** Answers every request at once with a chunk holding {@link #TARGET} for every step and joint. */
    private static final class ConstantInference implements InferenceService {
        private long requestedAt = Long.MIN_VALUE;

        @Override
        public void request(long nowNs, float[] prefix, int prefixSteps) {
            requestedAt = nowNs;
        }

        @Override
        public boolean poll(ActionChunk out) {
            if (requestedAt == Long.MIN_VALUE) {
                return false;
            }
            java.util.Arrays.fill(out.values(), (float) TARGET);
            out.observationStampNs(requestedAt);
            requestedAt = Long.MIN_VALUE;
            return true;
        }

        @Override
        public boolean busy() {
            return false;
        }
    }

    private static final class RecordingSink implements CommandSink {
        final List<double[]> commands = new ArrayList<>();
        final List<Long> stops = new ArrayList<>();

        @Override
        public void write(double[] command, long nowNs) {
            commands.add(command.clone());
        }

        @Override
        public void stopped(long nowNs) {
            stops.add(nowNs);
        }
    }

    private final double[] measured = new double[JOINTS];
    private final RecordingSink sink = new RecordingSink();
    private final SafetyFilter safety = new SafetyFilter(new SafetyConfig(List.of(new JointLimits("j0", -2, 2, 1.0, 10.0),
            new JointLimits("j1", -2, 2, 1.0, 10.0)), Double.NaN, 200_000_000L, 50_000_000L, 500_000_000L), PERIOD_NS);
    private final ControlLoop loop = new ControlLoop(ExecutorFactory.create(TestCards.stateActor(JOINTS, JOINTS, 10), ExecutionSettings.queue(10)),
            new ActionInterpolator(Interpolation.HOLD, JOINTS), safety, (nowNs, out) -> {
                System.arraycopy(measured, 0, out, 0, JOINTS);
                return nowNs;
            }, sink, new ConstantInference(), new LoopStats(), 10, JOINTS, PERIOD_NS, 50_000_000L, 500_000_000L, 0);
    private long nowNs = 1_000_000_000L;

    private void run(int ticks) {
        for (int k = 0; k < ticks; k++) {
            nowNs += PERIOD_NS;
            loop.tick(nowNs);
            if (!sink.commands.isEmpty()) {
                System.arraycopy(sink.commands.getLast(), 0, measured, 0, JOINTS); // the arm follows its commands exactly
            }
        }
    }

    @Test
    void disablingStopsCommandsAndTellsTheSinkExactlyOnce() {
        loop.enabled(false);
        run(10);
        assertEquals(0, sink.commands.size(), "no command before the first enable");
        assertEquals(List.of(), sink.stops, "never commanding is not a stop");
        loop.enabled(true);
        run(50);
        assertEquals(50, sink.commands.size());
        loop.enabled(false);
        long disabledAt = nowNs + PERIOD_NS;
        run(30);
        assertEquals(50, sink.commands.size(), "no command while disabled");
        assertEquals(List.of(disabledAt), sink.stops, "the sink hears once, on the first disabled tick");
        loop.enabled(true);
        run(5);
        assertEquals(55, sink.commands.size());
    }

    @Test
    void aResetEstopRestartsFromTheMeasuredPoseWithASoftStart() {
        run(300);
        assertEquals(TARGET, sink.commands.getLast()[0], 1e-6, "reached the policy's target");
        measured[0] = 0.5; // the arm was pushed while stopped
        measured[1] = 0.5;
        safety.requestEstop();
        run(100);
        double[] held = sink.commands.getLast();
        int before = sink.commands.size();
        run(10);
        for (int k = before; k < sink.commands.size(); k++) {
            assertArrayEquals(held, sink.commands.get(k), "held still while the e-stop is latched");
        }
        long softStartsBefore = safety.faults().get(SafetyFault.SOFT_START);
        loop.resetEstop();
        measured[0] = 0.2;
        measured[1] = 0.2;
        run(1);
        assertTrue(!safety.estopLatched());
        assertEquals(0.2, sink.commands.getLast()[0], 1e-12, "starts from the measured pose, not from where it held");
        run(5);
        assertTrue(safety.faults().get(SafetyFault.SOFT_START) > softStartsBefore, "the restart ramps in");
        run(300);
        assertEquals(TARGET, sink.commands.getLast()[0], 1e-6, "and goes back to the policy's target");
    }

    @Test
    void anEstopArrivingWithTheReleaseIsNeverLost() {
        run(50);
        safety.requestEstop();
        run(5);
        safety.requestEstop(); // a second e-stop and a release before the control thread ran again
        loop.resetEstop();
        run(20);
        assertTrue(safety.estopLatched(), "the release covers only the e-stop the loop had seen");
        double[] held = sink.commands.getLast();
        run(10);
        assertArrayEquals(held, sink.commands.getLast());
        loop.resetEstop();
        run(1);
        assertTrue(!safety.estopLatched(), "a later release frees it");
    }
}
