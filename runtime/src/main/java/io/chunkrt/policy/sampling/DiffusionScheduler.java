package io.chunkrt.policy.sampling;

/**
 * What DDPM and DDIM share: the inference timesteps (diffusers' set_timesteps), the prediction type, the
 * clipping of the predicted original sample and the scratch for per-step noise.
 */
public abstract sealed class DiffusionScheduler implements DenoisingSampler permits DdpmScheduler, DdimScheduler {
    final int[] timesteps;
    final boolean predictsEpsilon;
    final boolean clip;
    final float clipRange;
    final float[] noise;

    DiffusionScheduler(NoiseSchedule schedule, int numInferenceSteps, TimestepSpacing spacing, int stepsOffset, PredictionType prediction,
            boolean clipSample, double clipSampleRange, int sampleSize) {
        this.timesteps = InferenceTimesteps.of(schedule.numTrainTimesteps(), numInferenceSteps, spacing, stepsOffset);
        this.predictsEpsilon = prediction == PredictionType.EPSILON;
        this.clip = clipSample;
        this.clipRange = (float) clipSampleRange;
        this.noise = new float[sampleSize];
    }

    public int[] timesteps() {
        return timesteps.clone();
    }

    @Override
    public int numSteps() {
        return timesteps.length;
    }

    @Override
    public double timeInput(int step) {
        return timesteps[step];
    }
}
