package io.chunkrt.chunking;

/** The action of the step being executed, if there is one; what every executor answers for offset 0. */
final class CurrentAction {
    private final double[] values;
    private boolean present;

    CurrentAction(int dim) {
        this.values = new double[dim];
    }

    /** The backing array, to be filled by the executor before {@link #present(boolean)}. */
    double[] values() {
        return values;
    }

    boolean present() {
        return present;
    }

    void present(boolean isPresent) {
        this.present = isPresent;
    }

    /** Copies the action into out if there is one. */
    boolean copyTo(double[] out) {
        if (present) {
            System.arraycopy(values, 0, out, 0, values.length);
        }
        return present;
    }
}
