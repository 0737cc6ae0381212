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

    /** Makes the queue's head the current action (none if the queue is empty); the queue executors' advance. */
    boolean popFrom(ActionRing queue) {
        present = queue.size() > 0;
        if (present) {
            queue.pop(values);
        }
        return present;
    }

    /** The action {@code offset} steps ahead when the rest of the plan is {@code queue}: offset 0 is this one. */
    boolean peek(ActionRing queue, int offset, double[] out) {
        if (offset == 0) {
            return copyTo(out);
        }
        if (offset < 0 || offset - 1 >= queue.size()) {
            return false;
        }
        queue.get(offset - 1, out);
        return true;
    }
}
