package io.chunkrt.ros.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.safety.JointLimits;
import io.chunkrt.safety.SafetyConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A planned point goes to a trajectory controller only if it keeps the limits the safety layer keeps. */
class TrajectoryGuardTest {
    private final TrajectoryGuard guard = new TrajectoryGuard(new SafetyConfig(List.of(new JointLimits("a", -1, 1, 2.0, 10.0),
            new JointLimits("b", -1, 1, 2.0, 10.0)), 0.5, 0, 100_000_000L, 100_000_000L));
    private final long[] times = {20_000_000L, 100_000_000L, 200_000_000L};
    private final double[] still = {0, 0};

    @Test
    void acceptsAPointWithinPositionVelocityAndAccelerationLimits() {
        // 0.1 rad in 80 ms = 1.25 rad/s, continuing the motion the safety layer's command already has
        assertTrue(guard.accepts(new double[] {0, 0, 0.1, -0.1}, times, 1, new double[] {1.25, -1.25}));
    }

    @Test
    void refusesAPointThatWouldJumpFromRestToSpeed() {
        // the same point from rest: 1.25 rad/s within 80 ms is 15.6 rad/s^2 > 10
        assertFalse(guard.accepts(new double[] {0, 0, 0.1, -0.1}, times, 1, still));
    }

    @Test
    void refusesAPointBeyondAPositionLimitOrNotFinite() {
        assertFalse(guard.accepts(new double[] {0.95, 0, 1.05, 0}, times, 1, new double[] {0.6, 0}));
        assertFalse(guard.accepts(new double[] {0, 0, Double.NaN, 0}, times, 1, still));
    }

    @Test
    void refusesASegmentFasterThanTheVelocityLimit() {
        // 0.2 rad in 80 ms = 2.5 rad/s > 2.0, even when already moving at that speed (no acceleration)
        assertFalse(guard.accepts(new double[] {0, 0, 0.2, 0}, times, 1, new double[] {2.5, 0}));
        assertTrue(guard.accepts(new double[] {0, 0, 0.15, 0}, times, 1, new double[] {1.875, 0}));
    }

    @Test
    void refusesAChangeOfSegmentVelocityBeyondTheAccelerationLimit() {
        // segment 1: 0.1 rad / 80 ms = 1.25 rad/s; segment 2 back to rest over 100 ms: 1.25 / 0.09 s = 13.9 rad/s^2 > 10
        double[] rows = {0, 0, 0.1, 0, 0.1, 0};
        assertFalse(guard.accepts(rows, times, 2, still));
        // slowing to 0.5 rad/s instead: (1.25 - 0.5) / 0.09 = 8.3 rad/s^2
        rows[4] = 0.15;
        assertTrue(guard.accepts(rows, times, 2, still));
    }
}
