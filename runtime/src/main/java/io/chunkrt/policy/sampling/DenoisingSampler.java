package io.chunkrt.policy.sampling;

/**
 * The loop around a denoising network: the time value fed at each step and the update of the sample from
 * the network's output. Coefficients are computed once at construction; a step does no allocation.
 */
public sealed interface DenoisingSampler permits DiffusionScheduler, EulerFlowSampler {
    int numSteps();

    /** The value given to the network's time input at {@code step} (a diffusion timestep or flow time). */
    double timeInput(int step);

    /** Noise rows one run consumes, the initial sample included. */
    int noiseRows();

    /** Replaces {@code sample} (x at this step) by the next x, given the network output at this step. */
    void step(int step, float[] networkOutput, float[] sample, NoiseSource noise);
}
