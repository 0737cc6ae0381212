package io.chunkrt.chunking;

import io.chunkrt.policy.ActionChunk;

/**
 * ACT's temporal ensembling, exactly as LeRobot's {@code ACTTemporalEnsembler}: every step gets a new chunk,
 * and the action for a step is the weighted mean of every prediction made for it, with weights
 * w_i = exp(-coeff * i) where i = 0 is the OLDEST prediction. The mean is updated online:
 * avg_n+1 = (avg_n * W_n-1 + x * w_n) / W_n with W the cumulative weights (any coeff, also 0 or negative).
 *
 * <p>Predictions are kept per absolute step, so a chunk that arrives d steps after its observation lands on
 * the steps it was made for; with d = 0 every step this is LeRobot's update-then-pop.
 */
public final class TemporalEnsembler implements ChunkExecutor {
    private final int horizon;
    private final int dim;
    private final double[] weights;
    private final double[] cumulative;
    /** Running means per slot (absolute step mod horizon) and how many predictions each holds. */
    private final double[] mean;
    private final int[] count;
    private final CurrentAction current;
    private long frontStep = Long.MIN_VALUE;
    private long lastRequestStep = Long.MIN_VALUE;

    public TemporalEnsembler(int horizon, int actionDim, double coeff) {
        this.horizon = horizon;
        this.dim = actionDim;
        this.weights = new double[horizon];
        this.cumulative = new double[horizon];
        double sum = 0;
        for (int i = 0; i < horizon; i++) {
            weights[i] = Math.exp(-coeff * i);
            sum += weights[i];
            cumulative[i] = sum;
        }
        this.mean = new double[horizon * actionDim];
        this.count = new int[horizon];
        this.current = new CurrentAction(actionDim);
    }

    @Override
    public void accept(ActionChunk chunk, long observationStep, long nextStep) {
        if (frontStep == Long.MIN_VALUE) {
            frontStep = nextStep;
        }
        float[] values = chunk.values();
        for (int i = 0; i < horizon; i++) {
            long step = observationStep + i;
            if (step < frontStep || step >= frontStep + horizon) {
                continue; // already executed, or beyond the window the buffer covers
            }
            int slot = (int) Math.floorMod(step, (long) horizon);
            // a slot holds at most one prediction per chunk made while it was in the window: H at most
            int n = Math.min(count[slot], horizon - 1);
            int base = slot * dim;
            int src = i * dim;
            if (n == 0) {
                for (int j = 0; j < dim; j++) {
                    mean[base + j] = values[src + j];
                }
            } else {
                double keep = cumulative[n - 1];
                double w = weights[n];
                double total = cumulative[n];
                for (int j = 0; j < dim; j++) {
                    mean[base + j] = (mean[base + j] * keep + values[src + j] * w) / total;
                }
            }
            count[slot] = Math.min(n + 1, horizon);
        }
    }

    @Override
    public boolean advance(long step) {
        if (frontStep == Long.MIN_VALUE) {
            current.present(false);
            return false;
        }
        // steps the loop skipped are dropped with their predictions
        while (frontStep < step) {
            count[(int) Math.floorMod(frontStep, (long) horizon)] = 0;
            frontStep++;
        }
        int slot = (int) Math.floorMod(step, (long) horizon);
        current.present(count[slot] > 0);
        if (current.present()) {
            System.arraycopy(mean, slot * dim, current.values(), 0, dim);
        }
        count[slot] = 0;
        frontStep = step + 1;
        return current.present();
    }

    @Override
    public boolean action(int offset, double[] out) {
        if (offset == 0) {
            return current.copyTo(out);
        }
        if (offset < 0 || offset > horizon - 1 || frontStep == Long.MIN_VALUE) {
            return false;
        }
        int slot = (int) Math.floorMod(frontStep + offset - 1, (long) horizon);
        if (count[slot] == 0) {
            return false;
        }
        System.arraycopy(mean, slot * dim, out, 0, dim);
        return true;
    }

    /** The policy is queried once per step (a fast model must not be queried several times within one step). */
    @Override
    public boolean wantsInference(long step) {
        if (step == lastRequestStep) {
            return false;
        }
        lastRequestStep = step;
        return true;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(count, 0);
        frontStep = Long.MIN_VALUE;
        lastRequestStep = Long.MIN_VALUE;
        current.present(false);
    }
}
