package io.chunkrt.policy.sampling;

/** diffusers' timestep_spacing: how inference timesteps are picked from the training ones. */
public enum TimestepSpacing {
    LEADING,
    TRAILING,
    LINSPACE
}
