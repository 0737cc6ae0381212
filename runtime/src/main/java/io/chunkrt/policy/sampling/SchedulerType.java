package io.chunkrt.policy.sampling;

/** The diffusion sampling rule. */
public enum SchedulerType {
    DDPM,
    DDIM
}
