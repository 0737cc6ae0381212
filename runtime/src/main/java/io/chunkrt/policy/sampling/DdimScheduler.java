package io.chunkrt.policy.sampling;

/**
 * diffusers' DDIMScheduler.step: prev = sqrt(abar_prev) x0 + sqrt(1 - abar_prev - sigma^2) eps (+ sigma z),
 * sigma = eta sqrt(var); use_clipped_model_output off, so eps is not recomputed from a clipped x0.
 */
public final class DdimScheduler extends DiffusionScheduler {
    private final boolean drawsNoise;
    private final float[] sqrtBeta;
    private final float[] sqrtAlpha;
    private final float[] sqrtAlphaPrev;
    private final float[] direction;
    private final float[] sigma;

    public DdimScheduler(NoiseSchedule schedule, int numInferenceSteps, TimestepSpacing spacing, int stepsOffset,
            PredictionType prediction, boolean clipSample, double clipSampleRange, boolean setAlphaToOne, double eta, int sampleSize) {
        super(schedule, numInferenceSteps, spacing, stepsOffset, prediction, clipSample, clipSampleRange, sampleSize);
        int train = schedule.numTrainTimesteps();
        this.drawsNoise = eta > 0;
        double finalAlphaCumprod = setAlphaToOne ? 1.0 : schedule.alphaCumprod(0);
        int n = timesteps.length;
        int ratio = train / numInferenceSteps;
        sqrtBeta = new float[n];
        sqrtAlpha = new float[n];
        sqrtAlphaPrev = new float[n];
        direction = new float[n];
        sigma = new float[n];
        for (int i = 0; i < n; i++) {
            int t = timesteps[i];
            int prev = t - ratio;
            double alphaProd = schedule.alphaCumprod(t);
            double alphaProdPrev = prev >= 0 ? schedule.alphaCumprod(prev) : finalAlphaCumprod;
            double betaProd = 1 - alphaProd;
            double variance = (1 - alphaProdPrev) / betaProd * (1 - alphaProd / alphaProdPrev);
            double std = eta * Math.sqrt(variance);
            sqrtBeta[i] = (float) Math.sqrt(betaProd);
            sqrtAlpha[i] = (float) Math.sqrt(alphaProd);
            sqrtAlphaPrev[i] = (float) Math.sqrt(alphaProdPrev);
            direction[i] = (float) Math.sqrt(1 - alphaProdPrev - std * std);
            sigma[i] = (float) std;
        }
    }

    @Override
    public int noiseRows() {
        return drawsNoise ? 1 + timesteps.length : 1;
    }

    @Override
    public void step(int step, float[] networkOutput, float[] sample, NoiseSource noiseSource) {
        if (drawsNoise) {
            noiseSource.fill(noise);
        }
        final float sb = sqrtBeta[step];
        final float sa = sqrtAlpha[step];
        final float sap = sqrtAlphaPrev[step];
        final float dir = direction[step];
        final float s = sigma[step];
        for (int i = 0; i < sample.length; i++) {
            float x = sample[i];
            float original;
            float epsilon;
            if (predictsEpsilon) {
                epsilon = networkOutput[i];
                original = (x - sb * epsilon) / sa;
            } else {
                original = networkOutput[i];
                epsilon = (x - sa * original) / sb;
            }
            if (clip) {
                original = Math.clamp(original, -clipRange, clipRange);
            }
            float prev = sap * original + dir * epsilon;
            sample[i] = drawsNoise ? prev + s * noise[i] : prev;
        }
    }
}
