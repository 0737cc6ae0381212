package io.chunkrt.ros.node;

import io.chunkrt.safety.SafetyConfig;

/**
 * Decides how much of the planned chunk a joint_trajectory_controller may be given beyond the safety layer's
 * command. The controller executes the points on its own, so each planned point must keep the limits the safety
 * layer enforces on the command: a point is accepted only if every joint is finite and inside its position
 * limits, the segment from the previous point stays under the velocity limit, and the change of segment velocity
 * stays under the acceleration limit (finite differences over the segments' mean duration). The trajectory ends
 * before the first point that fails. Control thread; no allocation.
 */
final class TrajectoryGuard {
    private final int n;
    private final double[] min;
    private final double[] max;
    private final double[] vMax;
    private final double[] aMax;

    TrajectoryGuard(SafetyConfig config) {
        this.n = config.size();
        this.min = new double[n];
        this.max = new double[n];
        this.vMax = new double[n];
        this.aMax = new double[n];
        for (int j = 0; j < n; j++) {
            min[j] = config.joints().get(j).positionMin();
            max[j] = config.joints().get(j).positionMax();
            vMax[j] = config.joints().get(j).velocityMax();
            aMax[j] = config.joints().get(j).accelerationMax();
        }
    }

    /**
     * Checks point k against the two before it, all rows of {@code rows} ({@code n} values each).
     *
     * @param rows     points laid out one after another; row k is being checked
     * @param timesNs  time_from_start of each point
     * @param k        the point to check, at least 1
     * @param velocity the velocity leading into point 0 (the safety layer's last step), used for k = 1
     */
    boolean accepts(double[] rows, long[] timesNs, int k, double[] velocity) {
        double dt = (timesNs[k] - timesNs[k - 1]) * 1e-9;
        double dtBefore = k >= 2 ? (timesNs[k - 1] - timesNs[k - 2]) * 1e-9 : Double.NaN;
        int at = k * n;
        int prev = (k - 1) * n;
        for (int j = 0; j < n; j++) {
            double p = rows[at + j];
            if (!(p >= min[j] && p <= max[j])) { // also false for NaN
                return false;
            }
            double v = (p - rows[prev + j]) / dt;
            if (Math.abs(v) > vMax[j]) {
                return false;
            }
            double vBefore;
            double span;
            if (k >= 2) {
                vBefore = (rows[prev + j] - rows[prev - n + j]) / dtBefore;
                span = 0.5 * (dt + dtBefore);
            } else {
                vBefore = velocity[j];
                span = dt;
            }
            if (Math.abs(v - vBefore) > aMax[j] * span) {
                return false;
            }
        }
        return true;
    }
}
