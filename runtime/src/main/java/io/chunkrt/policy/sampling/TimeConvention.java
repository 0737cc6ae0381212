package io.chunkrt.policy.sampling;

/** Which end of flow time holds the noise. */
public enum TimeConvention {
    /** LeRobot pi0 / SmolVLA: t runs from 1 (noise) to 0 (actions). */
    NOISE_AT_ONE,
    /** Rectified-flow papers: t runs from 0 (noise) to 1 (actions). */
    NOISE_AT_ZERO
}
