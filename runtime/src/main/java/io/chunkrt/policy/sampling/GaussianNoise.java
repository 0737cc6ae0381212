package io.chunkrt.policy.sampling;

import java.util.SplittableRandom;

/** Seeded N(0, 1) noise; allocation-free per draw. */
public final class GaussianNoise implements NoiseSource {
    private final SplittableRandom random;

    public GaussianNoise(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void fill(float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) random.nextGaussian();
        }
    }
}
