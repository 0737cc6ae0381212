package io.chunkrt.policy.sampling;

/** Standard normal noise for diffusion and flow sampling; injectable so tests replay PyTorch's draws. */
public interface NoiseSource {
    /** Fills {@code out} with the next N(0, 1) values. */
    void fill(float[] out);
}
