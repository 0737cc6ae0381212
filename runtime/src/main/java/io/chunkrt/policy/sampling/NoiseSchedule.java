package io.chunkrt.policy.sampling;

/**
 * diffusers' alphas_cumprod for a beta schedule. Betas and alphas are rounded to float32 and the cumulative
 * product is accumulated in double and stored as float32, as torch does on the CPU, so the coefficients
 * match the reference to float32 precision.
 */
public final class NoiseSchedule {
    private final double[] alphasCumprod;

    public NoiseSchedule(BetaSchedule schedule, int numTrainTimesteps, double betaStart, double betaEnd) {
        int n = numTrainTimesteps;
        float[] betas = new float[n];
        for (int i = 0; i < n; i++) {
            double frac = n == 1 ? 0.0 : (double) i / (n - 1);
            betas[i] = switch (schedule) {
                case LINEAR -> (float) (betaStart + frac * (betaEnd - betaStart));
                case SCALED_LINEAR -> {
                    float root = (float) (Math.sqrt(betaStart) + frac * (Math.sqrt(betaEnd) - Math.sqrt(betaStart)));
                    yield root * root;
                }
                // Glide's cosine schedule: beta_i = min(1 - abar((i+1)/T) / abar(i/T), 0.999)
                case SQUAREDCOS_CAP_V2 -> (float) Math.min(1.0 - alphaBar((i + 1.0) / n) / alphaBar((double) i / n), 0.999);
            };
        }
        alphasCumprod = new double[n];
        double product = 1.0;
        for (int i = 0; i < n; i++) {
            product *= (1.0f - betas[i]);
            alphasCumprod[i] = (float) product;
        }
    }

    private static double alphaBar(double t) {
        double c = Math.cos((t + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }

    public double alphaCumprod(int t) {
        return alphasCumprod[t];
    }

    public int numTrainTimesteps() {
        return alphasCumprod.length;
    }
}
