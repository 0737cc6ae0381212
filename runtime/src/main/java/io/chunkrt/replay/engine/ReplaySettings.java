package io.chunkrt.replay.engine;

import io.chunkrt.card.ExecutionSettings;
import io.chunkrt.safety.SafetyConfig;

/**
 * How a recording is replayed.
 *
 * @param execution          the chunk execution (the card's, or overridden)
 * @param safety             the robot's limits, or null: limits so wide the safety layer never intervenes
 *                           ({@link ReplayEngine#openLimits}), so the commands show what policy and executor produce
 * @param latencyNs          modelled inference latency: a chunk becomes visible this long after its request, on the
 *                           replay clock ({@code VirtualLatencyInference}); 0 means the next control tick
 * @param speed              0: as fast as possible; k > 0: paced at k x real time
 * @param seed               seed of the sampling noise of diffusion and flow policies (same seed, same chunks)
 * @param useHeaderStamps    true: samples are aligned on their header stamps, as live; false: on their receive times
 * @param observationStaleNs joint states (and, as a floor, every stream) older than this make the arm hold
 * @param actionStaleNs      chunks whose observation is older than this when they arrive are dropped
 */
public record ReplaySettings(ExecutionSettings execution, SafetyConfig safety, long latencyNs, double speed, long seed, boolean useHeaderStamps,
        long observationStaleNs, long actionStaleNs) {
    public static final long DEFAULT_OBSERVATION_STALE_NS = 100_000_000L;
    public static final long DEFAULT_ACTION_STALE_NS = 1_000_000_000L;

    public ReplaySettings {
        if (execution == null) {
            throw new IllegalArgumentException("replay settings need the execution settings (the card's by default)");
        }
        if (latencyNs < 0) {
            throw new IllegalArgumentException("modelled inference latency is " + latencyNs + " ns; expected >= 0");
        }
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("replay speed is " + speed + "; expected 0 (as fast as possible) or a factor > 0 of real time");
        }
        if (observationStaleNs <= 0 || actionStaleNs <= 0) {
            throw new IllegalArgumentException("staleness limits must be > 0 ns; got " + observationStaleNs + " and " + actionStaleNs);
        }
    }

    /** The card's execution, open limits, no modelled latency, as fast as possible, seed 0, header stamps. */
    public static ReplaySettings defaults(ExecutionSettings execution) {
        return new ReplaySettings(execution, null, 0, 0, 0, true, DEFAULT_OBSERVATION_STALE_NS, DEFAULT_ACTION_STALE_NS);
    }

    public ReplaySettings withExecution(ExecutionSettings e) {
        return new ReplaySettings(e, safety, latencyNs, speed, seed, useHeaderStamps, observationStaleNs, actionStaleNs);
    }

    public ReplaySettings withSafety(SafetyConfig s) {
        return new ReplaySettings(execution, s, latencyNs, speed, seed, useHeaderStamps, observationStaleNs, actionStaleNs);
    }

    public ReplaySettings withLatencyNs(long ns) {
        return new ReplaySettings(execution, safety, ns, speed, seed, useHeaderStamps, observationStaleNs, actionStaleNs);
    }

    public ReplaySettings withSpeed(double k) {
        return new ReplaySettings(execution, safety, latencyNs, k, seed, useHeaderStamps, observationStaleNs, actionStaleNs);
    }

    public ReplaySettings withSeed(long s) {
        return new ReplaySettings(execution, safety, latencyNs, speed, s, useHeaderStamps, observationStaleNs, actionStaleNs);
    }

    public ReplaySettings withHeaderStamps(boolean use) {
        return new ReplaySettings(execution, safety, latencyNs, speed, seed, use, observationStaleNs, actionStaleNs);
    }
}
