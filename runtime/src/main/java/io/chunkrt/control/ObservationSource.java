package io.chunkrt.control;

import io.chunkrt.policy.ObservationTensors;

/** Builds the policy's observation on the inference thread (fusion, a simulator, a replayed episode). */
public interface ObservationSource {
    /** Fills {@code out} for an observation at {@code nowNs} and stamps it; false if not ready (nothing changed). */
    boolean fill(ObservationTensors out, long nowNs);
}
