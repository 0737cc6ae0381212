package io.chunkrt.chunking;

/**
 * Samples the executor's actions between action steps at the control rate. Waypoint a_k is commanded exactly
 * at the start of step k; unknown neighbours fall back to holding, so the command never runs past what is
 * planned. Allocation-free.
 */
public final class ActionInterpolator {
    private final Interpolation mode;
    private final int dim;
    private final double[] previous;
    private final double[] a0;
    private final double[] a1;
    private final double[] a2;
    private boolean hasPrevious;

    public ActionInterpolator(Interpolation mode, int actionDim) {
        this.mode = mode;
        this.dim = actionDim;
        this.previous = new double[actionDim];
        this.a0 = new double[actionDim];
        this.a1 = new double[actionDim];
        this.a2 = new double[actionDim];
    }

    /** Call just before the executor advances: the action ending now becomes the previous waypoint. */
    public void leavingStep(ChunkExecutor executor) {
        hasPrevious = executor.action(0, previous);
    }

    public void reset() {
        hasPrevious = false;
    }

    /** Writes the command at {@code fraction} in [0, 1) of the current step; the executor must have an action. */
    public void sample(ChunkExecutor executor, double fraction, double[] out) {
        executor.action(0, a0);
        if (mode == Interpolation.HOLD || !executor.action(1, a1)) {
            System.arraycopy(a0, 0, out, 0, dim);
            return;
        }
        if (mode == Interpolation.LINEAR) {
            for (int j = 0; j < dim; j++) {
                out[j] = a0[j] + (a1[j] - a0[j]) * fraction;
            }
            return;
        }
        boolean hasAfter = executor.action(2, a2);
        double t = fraction;
        double t2 = t * t;
        double t3 = t2 * t;
        double h00 = 2 * t3 - 3 * t2 + 1;
        double h10 = t3 - 2 * t2 + t;
        double h01 = -2 * t3 + 3 * t2;
        double h11 = t3 - t2;
        for (int j = 0; j < dim; j++) {
            // Catmull-Rom tangents, one-sided where a neighbour is unknown
            double m0 = hasPrevious ? (a1[j] - previous[j]) / 2 : a1[j] - a0[j];
            double m1 = hasAfter ? (a2[j] - a0[j]) / 2 : a1[j] - a0[j];
            out[j] = h00 * a0[j] + h10 * m0 + h01 * a1[j] + h11 * m1;
        }
    }
}
