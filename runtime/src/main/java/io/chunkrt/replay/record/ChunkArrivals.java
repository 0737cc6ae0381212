package io.chunkrt.replay.record;

import io.chunkrt.control.InferenceService;
import io.chunkrt.policy.ActionChunk;

/**
 * The control loop's inference service, passed through, remembering the observation stamp of the last chunk the
 * loop polled, so {@link LoopEventMonitor} can record which chunk arrived. Control thread only; no allocation.
 */
public final class ChunkArrivals implements InferenceService {
    private final InferenceService inference;
    private long lastStampNs = Long.MIN_VALUE;
    private long polled;

    public ChunkArrivals(InferenceService inference) {
        this.inference = inference;
    }

    @Override
    public void request(long nowNs, float[] prefix, int prefixSteps) {
        inference.request(nowNs, prefix, prefixSteps);
    }

    @Override
    public boolean poll(ActionChunk out) {
        if (inference.poll(out)) {
            lastStampNs = out.observationStampNs();
            polled++;
            return true;
        }
        return false;
    }

    @Override
    public boolean busy() {
        return inference.busy();
    }

    /** Observation stamp of the last chunk polled, Long.MIN_VALUE before the first. */
    public long lastStampNs() {
        return lastStampNs;
    }

    /** Chunks polled so far. */
    public long polled() {
        return polled;
    }
}
