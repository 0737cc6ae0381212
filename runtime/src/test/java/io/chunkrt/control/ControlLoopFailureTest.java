package io.chunkrt.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.chunking.ActionInterpolator;
import io.chunkrt.chunking.Interpolation;
import io.chunkrt.chunking.QueueExecutor;
import io.chunkrt.policy.ActionChunk;
import io.chunkrt.safety.JointLimits;
import io.chunkrt.safety.SafetyConfig;
import io.chunkrt.safety.SafetyFault;
import io.chunkrt.safety.SafetyFilter;
import io.chunkrt.sim.SimulatedArm;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlLoopFailureTest {
    private static final long PERIOD_NS = 10_000_000;

    /** A chunk of one action per request, delivered at once. */
    private static final class OneActionFeed implements InferenceService {
        private boolean pending;
        private long stampNs;
        double value = 0.5;

        @Override
        public void request(long nowNs, float[] prefix, int prefixSteps) {
            pending = true;
            stampNs = nowNs;
        }

        @Override
        public boolean poll(ActionChunk out) {
            if (!pending) {
                return false;
            }
            pending = false;
            out.values()[0] = (float) value;
            out.observationStampNs(stampNs);
            return true;
        }

        @Override
        public boolean busy() {
            return pending;
        }
    }

    private final SimulatedArm arm = new SimulatedArm(new double[] {0.0}, 0.01, -1, 1);
    private final SafetyFilter safety = new SafetyFilter(new SafetyConfig(List.of(new JointLimits("j", -1, 1, 1, 10)), Double.NaN, 0,
            1_000_000_000L, 1_000_000_000L), PERIOD_NS);
    private final ControlLoop loop = new ControlLoop(new QueueExecutor(1, 1, 1, 0), new ActionInterpolator(Interpolation.HOLD, 1), safety, arm, arm,
            new OneActionFeed(), new LoopStats(), 1, 1, PERIOD_NS, 1_000_000_000L, 1_000_000_000L, 0);

    @Test
    void aTickThatThrowsLatchesAHoldAndIsCountedOnce() {
        long now = 0;
        for (int k = 0; k < 50; k++) {
            loop.tick(now += PERIOD_NS);
        }
        double[] before = loop.lastCommand().clone();
        IllegalStateException boom = new IllegalStateException("boom");
        loop.tickFailed(boom, now += PERIOD_NS);
        assertEquals(1, loop.stats().get(LoopCounter.TICK_FAILURES));
        assertSame(boom, loop.failure());
        assertTrue(safety.estopLatched());
        for (int k = 0; k < 50; k++) {
            loop.tick(now += PERIOD_NS);
        }
        assertTrue(safety.faults().get(SafetyFault.ESTOP) >= 50, "every later tick held");
        // holding decelerates within the limits from the last command, so it stays near it
        assertArrayEquals(before, loop.lastCommand(), 0.06);
    }

    @Test
    void commandsStopWhileDisabledAndRestartWithASoftStart() {
        long now = 0;
        for (int k = 0; k < 20; k++) {
            loop.tick(now += PERIOD_NS);
        }
        loop.enabled(false);
        long ticksBefore = loop.stats().get(LoopCounter.DISABLED_TICKS);
        for (int k = 0; k < 5; k++) {
            loop.tick(now += PERIOD_NS);
        }
        assertEquals(ticksBefore + 5, loop.stats().get(LoopCounter.DISABLED_TICKS));
        loop.enabled(true);
        loop.tick(now += PERIOD_NS);
        assertTrue(loop.stats().get(LoopCounter.TICKS) > 25);
    }
}
