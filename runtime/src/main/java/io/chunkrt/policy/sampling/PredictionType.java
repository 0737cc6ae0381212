package io.chunkrt.policy.sampling;

/** What a denoiser predicts. */
public enum PredictionType {
    EPSILON,
    SAMPLE
}
