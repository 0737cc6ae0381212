package io.chunkrt.control;

import io.chunkrt.policy.ActionChunk;
import io.chunkrt.policy.Policy;
import io.chunkrt.time.Clock;

/**
 * Deterministic inference for tests and replay on a virtual clock: the chunk is computed at request time on
 * the caller's thread and becomes visible {@code latencyNs} later by that clock (the first one
 * {@code firstLatencyNs} later, like a cold session). Same inputs, same chunks, same timing, every run.
 */
public final class VirtualLatencyInference implements InferenceService {
    private final Policy policy;
    private final ObservationSource source;
    private final Clock clock;
    private final LoopStats stats;
    private final long latencyNs;
    private final long firstLatencyNs;
    private final ActionChunk pending;
    private long readyAtNs;
    private boolean hasPending;
    private boolean busy;
    private long served;

    public VirtualLatencyInference(Policy policy, ObservationSource source, Clock clock, LoopStats stats, long latencyNs, long firstLatencyNs) {
        this.policy = policy;
        this.source = source;
        this.clock = clock;
        this.stats = stats;
        this.latencyNs = latencyNs;
        this.firstLatencyNs = firstLatencyNs;
        this.pending = policy.newChunk();
    }

    @Override
    public void request(long nowNs, float[] plannedActions, int steps) {
        if (busy) {
            return;
        }
        stats.increment(LoopCounter.INFERENCE_REQUESTS);
        if (!source.fill(policy.observation(), nowNs)) {
            stats.increment(LoopCounter.OBSERVATION_NOT_READY);
            return;
        }
        policy.conditionOnPrefix(plannedActions, steps);
        policy.infer(pending);
        long latency = served++ == 0 ? firstLatencyNs : latencyNs;
        stats.recordInferenceLatency(latency);
        readyAtNs = nowNs + latency;
        hasPending = true;
        busy = true;
    }

    @Override
    public boolean poll(ActionChunk out) {
        if (hasPending && clock.nanoTime() - readyAtNs >= 0) {
            out.copyFrom(pending);
            hasPending = false;
            busy = false;
            return true;
        }
        return false;
    }

    @Override
    public boolean busy() {
        return busy;
    }
}
