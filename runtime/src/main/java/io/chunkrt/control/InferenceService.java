package io.chunkrt.control;

import io.chunkrt.policy.ActionChunk;

/** The control thread's view of inference: it asks and polls, and never waits. */
public interface InferenceService {
    /**
     * Starts an inference from an observation taken now. {@code prefix} holds {@code prefixSteps} planned
     * actions ([steps, A]) for prefix-conditioned flow sampling, or 0 steps. Ignored while one is running.
     */
    void request(long nowNs, float[] prefix, int prefixSteps);

    /** Copies the newest finished chunk into {@code out}; false if none finished since the last poll. */
    boolean poll(ActionChunk out);

    /** True from a request until its chunk (or its failure) is polled. */
    boolean busy();
}
