package io.chunkrt.policy.sampling;

/**
 * Euler integration of a flow-matching velocity field over N equal steps. The time values are accumulated
 * in double exactly as LeRobot's pi0 loop does ({@code time += dt} while {@code time >= -dt / 2}).
 */
public final class EulerFlowSampler implements DenoisingSampler {
    private final double[] times;
    private final float dt;

    public EulerFlowSampler(int numSteps, TimeConvention convention) {
        double step = (convention == TimeConvention.NOISE_AT_ONE ? -1.0 : 1.0) / numSteps;
        double[] t = new double[numSteps + 1];
        int count = 0;
        double time = convention == TimeConvention.NOISE_AT_ONE ? 1.0 : 0.0;
        while (count < t.length && (convention == TimeConvention.NOISE_AT_ONE ? time >= -step / 2 : time <= 1 - step / 2)) {
            t[count++] = time;
            time += step;
        }
        this.times = java.util.Arrays.copyOf(t, count);
        this.dt = (float) step;
    }

    @Override
    public int numSteps() {
        return times.length;
    }

    @Override
    public double timeInput(int step) {
        return times[step];
    }

    @Override
    public int noiseRows() {
        return 1;
    }

    @Override
    public void step(int step, float[] networkOutput, float[] sample, NoiseSource noise) {
        for (int i = 0; i < sample.length; i++) {
            sample[i] += dt * networkOutput[i];
        }
    }
}
