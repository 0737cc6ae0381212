package io.chunkrt.replay.metrics;

import io.chunkrt.replay.engine.ActionLog;
import io.chunkrt.replay.engine.CommandLog;
import io.chunkrt.replay.engine.ReplayResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one replay: per-joint error of the commands against the recorded actions (open loop), smoothness
 * (largest step, jerk), the steps at chunk boundaries against the steps inside chunks, and the latency
 * distributions; counters stay in the {@link ReplayResult}.
 *
 * <p>Comparison: each recorded action at time t is compared with the command in force at t, the one written at the
 * last tick at or before t. Actions before the first command or more than one control period after the last are not
 * compared; neither are joints the recording lacks (NaN).
 *
 * @param compared         recorded actions compared (with at least one joint)
 * @param mae              mean of the per-joint MAEs
 * @param rmse             root mean square over every compared joint sample
 * @param maxAbsError      largest |error| over every joint
 * @param seamTicks        ticks at which a chunk was accepted (not counting the first command)
 * @param meanSeamStep     mean over seam ticks of max_j |c_k - c_(k-1)|
 * @param largestSeamStep  the largest of them
 * @param meanInsideStep   mean of the same over the other ticks
 * @param largestInsideStep the largest of them
 */
public record ReplayMetrics(List<JointMetrics> joints, int compared, double mae, double rmse, double maxAbsError, int seamTicks,
        double meanSeamStep, double largestSeamStep, double meanInsideStep, double largestInsideStep, LatencySummary modelledLatency,
        LatencySummary inferWall, LatencySummary observationWall) {
    public ReplayMetrics {
        joints = List.copyOf(joints);
    }

    public static ReplayMetrics of(ReplayResult r) {
        CommandLog c = r.commands();
        ActionLog a = r.actions();
        int dim = c.joints().size();
        double dt = r.controlPeriodNs() * 1e-9;
        double[] absSum = new double[dim];
        double[] sqSum = new double[dim];
        double[] maxAbs = new double[dim];
        int[] samples = new int[dim];
        int compared = 0;
        int tick = -1;
        for (int i = 0; i < a.count(); i++) {
            long t = a.timeNs(i);
            while (tick + 1 < c.count() && c.timeNs(tick + 1) <= t) {
                tick++;
            }
            if (tick < 0 || t - c.timeNs(tick) >= r.controlPeriodNs() && tick == c.count() - 1) {
                continue;
            }
            boolean any = false;
            for (int j = 0; j < dim; j++) {
                double rec = a.value(i, j);
                if (Double.isNaN(rec)) {
                    continue;
                }
                double e = Math.abs(c.command(tick, j) - rec);
                absSum[j] += e;
                sqSum[j] += e * e;
                maxAbs[j] = Math.max(maxAbs[j], e);
                samples[j]++;
                any = true;
            }
            compared += any ? 1 : 0;
        }
        double[] largestStep = new double[dim];
        double[] jerkSq = new double[dim];
        double[] maxJerk = new double[dim];
        double[] seamStep = new double[dim];
        int jerkSamples = 0;
        int seamTicks = 0;
        double seamSum = 0;
        double seamMax = 0;
        int insideTicks = 0;
        double insideSum = 0;
        double insideMax = 0;
        for (int k = 1; k < c.count(); k++) {
            double step = 0;
            boolean seam = c.has(k, CommandLog.CHUNK);
            for (int j = 0; j < dim; j++) {
                double s = Math.abs(c.command(k, j) - c.command(k - 1, j));
                largestStep[j] = Math.max(largestStep[j], s);
                step = Math.max(step, s);
                if (seam) {
                    seamStep[j] = Math.max(seamStep[j], s);
                }
            }
            if (seam) {
                seamTicks++;
                seamSum += step;
                seamMax = Math.max(seamMax, step);
            } else {
                insideTicks++;
                insideSum += step;
                insideMax = Math.max(insideMax, step);
            }
            if (k >= 3) {
                jerkSamples++;
                for (int j = 0; j < dim; j++) {
                    // third backward difference: (c_k - 3 c_(k-1) + 3 c_(k-2) - c_(k-3)) / dt^3
                    double jerk = (c.command(k, j) - 3 * c.command(k - 1, j) + 3 * c.command(k - 2, j) - c.command(k - 3, j)) / (dt * dt * dt);
                    jerkSq[j] += jerk * jerk;
                    maxJerk[j] = Math.max(maxJerk[j], Math.abs(jerk));
                }
            }
        }
        List<JointMetrics> joints = new ArrayList<>();
        double maeSum = 0;
        int maeJoints = 0;
        double sqAll = 0;
        long nAll = 0;
        double maxAll = 0;
        for (int j = 0; j < dim; j++) {
            int n = samples[j];
            double mae = n == 0 ? Double.NaN : absSum[j] / n;
            if (n > 0) {
                maeSum += mae;
                maeJoints++;
                sqAll += sqSum[j];
                nAll += n;
                maxAll = Math.max(maxAll, maxAbs[j]);
            }
            joints.add(new JointMetrics(c.joints().get(j), n, mae, n == 0 ? Double.NaN : Math.sqrt(sqSum[j] / n), n == 0 ? Double.NaN : maxAbs[j],
                    c.count() < 2 ? Double.NaN : largestStep[j], jerkSamples == 0 ? Double.NaN : Math.sqrt(jerkSq[j] / jerkSamples),
                    jerkSamples == 0 ? Double.NaN : maxJerk[j], seamTicks == 0 ? Double.NaN : seamStep[j]));
        }
        return new ReplayMetrics(joints, compared, maeJoints == 0 ? Double.NaN : maeSum / maeJoints, nAll == 0 ? Double.NaN : Math.sqrt(sqAll / nAll),
                nAll == 0 ? Double.NaN : maxAll, seamTicks, seamTicks == 0 ? Double.NaN : seamSum / seamTicks, seamTicks == 0 ? Double.NaN : seamMax,
                insideTicks == 0 ? Double.NaN : insideSum / insideTicks, insideTicks == 0 ? Double.NaN : insideMax,
                LatencySummary.of(r.modelledLatencyNs()), LatencySummary.of(r.inferWallNs()), LatencySummary.of(r.observationWallNs()));
    }
}
