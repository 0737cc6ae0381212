package io.chunkrt.ros.node;

import io.chunkrt.control.DoubleSnapshot;
import io.chunkrt.control.MeasuredJoints;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The control thread's view of the arm: the commanded joints' latest measured positions, in command order (the
 * card's action order), gathered from the joint-state topics' lock-free snapshots. The stamp is the receive time
 * of the oldest topic's latest message, so one silent topic makes the whole arm stale. The age of the positions
 * each tick uses (tick time minus receive time) goes into a histogram for /diagnostics. No locks, no allocation.
 */
final class MeasuredJointState implements MeasuredJoints {
    private static final long MAX_AGE_NS = 60_000_000_000L;

    private final SingleWriterRecorder ages = new SingleWriterRecorder(MAX_AGE_NS, 3);
    private final DoubleSnapshot[] snapshots;
    private final double[][] scratch;
    /** For each topic, for each of its joints, the joint's index in command order. */
    private final int[][] commandIndex;

    /**
     * @param topicJoints  for each topic, the commanded joints its snapshot holds, in snapshot order
     * @param commandOrder every commanded joint, in command order; each is in exactly one topic
     */
    MeasuredJointState(List<DoubleSnapshot> snapshots, List<List<String>> topicJoints, List<String> commandOrder) {
        if (snapshots.size() != topicJoints.size()) {
            throw new IllegalArgumentException(snapshots.size() + " snapshots for " + topicJoints.size() + " topics");
        }
        int covered = 0;
        this.snapshots = snapshots.toArray(new DoubleSnapshot[0]);
        this.scratch = new double[snapshots.size()][];
        this.commandIndex = new int[snapshots.size()][];
        for (int t = 0; t < this.snapshots.length; t++) {
            List<String> joints = topicJoints.get(t);
            scratch[t] = new double[joints.size()];
            commandIndex[t] = new int[joints.size()];
            for (int i = 0; i < joints.size(); i++) {
                int c = commandOrder.indexOf(joints.get(i));
                if (c < 0) {
                    throw new IllegalArgumentException("measured joint " + joints.get(i) + " is not commanded " + commandOrder);
                }
                commandIndex[t][i] = c;
                covered++;
            }
        }
        if (covered != commandOrder.size()) {
            throw new IllegalArgumentException("the topics measure " + covered + " joints but " + commandOrder.size() + " are commanded");
        }
    }

    @Override
    public long read(long nowNs, double[] positionsOut) {
        long oldest = Long.MAX_VALUE;
        for (int t = 0; t < snapshots.length; t++) {
            if (commandIndex[t].length == 0) {
                continue;
            }
            long stamp = snapshots[t].read(scratch[t]);
            if (stamp == Long.MIN_VALUE) {
                return Long.MIN_VALUE;
            }
            oldest = Math.min(oldest, stamp);
            int[] idx = commandIndex[t];
            double[] v = scratch[t];
            for (int i = 0; i < idx.length; i++) {
                positionsOut[idx[i]] = v[i];
            }
        }
        ages.recordValue(Math.min(Math.max(nowNs - oldest, 0), MAX_AGE_NS));
        return oldest;
    }

    /** Ages of the measured positions used since the last call (one reader thread: the diagnostics). */
    Histogram agesSinceLastCall() {
        return ages.getIntervalHistogram();
    }
}
