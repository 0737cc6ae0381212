package io.chunkrt.policy;

/**
 * H actions of A joints in joint units (unnormalized), row-major [H, A], stamped with the time of the
 * observation it was computed from. Preallocated and refilled.
 */
public final class ActionChunk {
    private final int horizon;
    private final int actionDim;
    private final float[] values;
    private long observationStampNs;

    public ActionChunk(int horizon, int actionDim) {
        this.horizon = horizon;
        this.actionDim = actionDim;
        this.values = new float[horizon * actionDim];
    }

    public int horizon() {
        return horizon;
    }

    public int actionDim() {
        return actionDim;
    }

    public float get(int step, int joint) {
        return values[step * actionDim + joint];
    }

    /** The backing array, [H, A] row-major. */
    public float[] values() {
        return values;
    }

    public long observationStampNs() {
        return observationStampNs;
    }

    public void observationStampNs(long stampNs) {
        this.observationStampNs = stampNs;
    }

    public void copyFrom(ActionChunk other) {
        System.arraycopy(other.values, 0, values, 0, values.length);
        observationStampNs = other.observationStampNs;
    }
}
