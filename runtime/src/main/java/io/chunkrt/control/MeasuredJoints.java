package io.chunkrt.control;

/** Where the control loop reads the arm's measured joint positions, in command order. */
public interface MeasuredJoints {
    /**
     * Copies the newest positions into {@code positionsOut} and returns their stamp in ns of the loop's clock,
     * or {@link Long#MIN_VALUE} when none has arrived yet. Never blocks or allocates.
     */
    long read(long nowNs, double[] positionsOut);
}
