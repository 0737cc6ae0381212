package io.chunkrt.policy.sampling;

/** diffusers' beta_schedule values. */
public enum BetaSchedule {
    LINEAR,
    SCALED_LINEAR,
    /** Glide's cosine schedule with betas capped at 0.999. */
    SQUAREDCOS_CAP_V2
}
