package io.chunkrt.card;

/** How the network produces a chunk. */
public enum PolicyKind {
    /** One forward pass returns the whole chunk (ACT, MLP/BC, an RL actor with H = 1). */
    CHUNK,
    /** The network is a denoiser run in a DDPM or DDIM loop (Diffusion Policy). */
    DIFFUSION,
    /** The network is a velocity field integrated with Euler steps (pi0, SmolVLA). */
    FLOW
}
