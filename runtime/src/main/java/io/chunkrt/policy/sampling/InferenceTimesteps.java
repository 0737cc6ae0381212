package io.chunkrt.policy.sampling;

/** diffusers' set_timesteps: which training timesteps an inference run visits, in order. */
final class InferenceTimesteps {
    private InferenceTimesteps() {}

    static int[] of(int numTrain, int numInference, TimestepSpacing spacing, int stepsOffset) {
        int[] out = new int[numInference];
        switch (spacing) {
            case LEADING -> {
                int ratio = numTrain / numInference;
                for (int i = 0; i < numInference; i++) {
                    out[i] = (numInference - 1 - i) * ratio + stepsOffset;
                }
            }
            case TRAILING -> {
                // np.round(np.arange(T, 0, -T/n)) - 1
                double ratio = (double) numTrain / numInference;
                for (int i = 0; i < numInference; i++) {
                    out[i] = (int) Math.rint(numTrain - i * ratio) - 1;
                }
            }
            case LINSPACE -> {
                // np.linspace(0, T - 1, n).round()[::-1]
                double step = numInference == 1 ? 0.0 : (double) (numTrain - 1) / (numInference - 1);
                for (int i = 0; i < numInference; i++) {
                    double v = i == numInference - 1 ? numTrain - 1 : i * step;
                    out[numInference - 1 - i] = (int) Math.rint(v);
                }
            }
        }
        for (int t : out) {
            if (t < 0 || t >= numTrain) {
                throw new IllegalArgumentException("timestep " + t + " from timestep_spacing " + spacing.name().toLowerCase()
                        + " with steps_offset " + stepsOffset + " is outside 0.." + (numTrain - 1) + "; lower steps_offset");
            }
        }
        return out;
    }
}
