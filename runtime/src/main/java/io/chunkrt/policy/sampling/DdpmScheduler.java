package io.chunkrt.policy.sampling;

/**
 * diffusers' DDPMScheduler.step with variance_type fixed_small and no thresholding. Without custom timesteps
 * diffusers takes the previous timestep as t - T / N (integer division), not the next inference timestep;
 * the two differ for linspace and trailing spacing.
 */
public final class DdpmScheduler extends DiffusionScheduler {
    /** Per step: sqrt(1 - abar_t), 1 / sqrt(abar_t) applied as a division, the two posterior-mean coefficients, sigma. */
    private final float[] sqrtBeta;
    private final float[] sqrtAlpha;
    private final float[] originalCoeff;
    private final float[] sampleCoeff;
    private final float[] sigma;

    public DdpmScheduler(NoiseSchedule schedule, int numInferenceSteps, TimestepSpacing spacing, int stepsOffset,
            PredictionType prediction, boolean clipSample, double clipSampleRange, int sampleSize) {
        super(schedule, numInferenceSteps, spacing, stepsOffset, prediction, clipSample, clipSampleRange, sampleSize);
        int n = timesteps.length;
        int ratio = schedule.numTrainTimesteps() / numInferenceSteps;
        sqrtBeta = new float[n];
        sqrtAlpha = new float[n];
        originalCoeff = new float[n];
        sampleCoeff = new float[n];
        sigma = new float[n];
        for (int i = 0; i < n; i++) {
            int t = timesteps[i];
            int prev = t - ratio;
            double alphaProd = schedule.alphaCumprod(t);
            double alphaProdPrev = prev >= 0 ? schedule.alphaCumprod(prev) : 1.0;
            double betaProd = 1 - alphaProd;
            double betaProdPrev = 1 - alphaProdPrev;
            double currentAlpha = alphaProd / alphaProdPrev;
            double currentBeta = 1 - currentAlpha;
            sqrtBeta[i] = (float) Math.sqrt(betaProd);
            sqrtAlpha[i] = (float) Math.sqrt(alphaProd);
            // x_{t-1} mean = c0 * x0 + ct * x_t   (DDPM eq. 7)
            originalCoeff[i] = (float) (Math.sqrt(alphaProdPrev) * currentBeta / betaProd);
            sampleCoeff[i] = (float) (Math.sqrt(currentAlpha) * betaProdPrev / betaProd);
            // fixed_small variance, clamped at 1e-20; no noise is added at t = 0
            sigma[i] = t > 0 ? (float) Math.sqrt(Math.max(betaProdPrev / betaProd * currentBeta, 1e-20)) : 0f;
        }
    }

    @Override
    public int noiseRows() {
        return 1 + timesteps.length;
    }

    @Override
    public void step(int step, float[] networkOutput, float[] sample, NoiseSource noiseSource) {
        // one row per step keeps recorded noise aligned even though the last step (t = 0) adds none
        noiseSource.fill(noise);
        final float sb = sqrtBeta[step];
        final float sa = sqrtAlpha[step];
        final float c0 = originalCoeff[step];
        final float ct = sampleCoeff[step];
        final float s = sigma[step];
        for (int i = 0; i < sample.length; i++) {
            float x = sample[i];
            float original = predictsEpsilon ? (x - sb * networkOutput[i]) / sa : networkOutput[i];
            if (clip) {
                original = Math.clamp(original, -clipRange, clipRange);
            }
            float prev = c0 * original + ct * x;
            sample[i] = s == 0f ? prev : prev + s * noise[i];
        }
    }
}
