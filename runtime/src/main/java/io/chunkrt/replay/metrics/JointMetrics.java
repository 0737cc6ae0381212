package io.chunkrt.replay.metrics;

/**
 * One commanded joint's figures (joint units: rad or m; NaN where there is nothing to measure).
 *
 * @param samples         recorded actions compared with a command
 * @param mae             mean |command - recorded action| at the recorded actions' times
 * @param rmse            root mean square of the same differences
 * @param maxAbsError     the largest of them
 * @param largestStep     largest |c_k - c_(k-1)| between consecutive commands
 * @param rmsJerk         root mean square of the third difference of the commands over dt^3 (units/s^3)
 * @param maxAbsJerk      the largest |jerk|
 * @param largestSeamStep largest |c_k - c_(k-1)| at a tick where a new chunk was accepted
 */
public record JointMetrics(String joint, int samples, double mae, double rmse, double maxAbsError, double largestStep, double rmsJerk,
        double maxAbsJerk, double largestSeamStep) {}
