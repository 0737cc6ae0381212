package io.chunkrt.chunking;

/** LeRobot async inference's aggregate functions for a step both the old and the new chunk plan. */
public enum SpliceAggregate {
    /** 0.3 old + 0.7 new. */
    WEIGHTED_AVERAGE(0.3),
    LATEST_ONLY(0.0),
    AVERAGE(0.5),
    /** 0.7 old + 0.3 new. */
    CONSERVATIVE(0.7);

    private final double oldWeight;

    SpliceAggregate(double oldWeight) {
        this.oldWeight = oldWeight;
    }

    public double combine(double oldValue, double newValue) {
        return oldWeight * oldValue + (1 - oldWeight) * newValue;
    }
}
