package io.chunkrt.replay.engine;

import java.util.Arrays;
import java.util.List;

/** The demonstrator's recorded actions, in recording order, with their times: what the commands are compared with. */
public final class ActionLog {
    private final List<String> joints;
    private final int dim;
    private long[] timesNs;
    private double[] values;
    private int count;

    ActionLog(List<String> joints, int capacity) {
        this.joints = List.copyOf(joints);
        this.dim = joints.size();
        int c = Math.max(16, capacity);
        this.timesNs = new long[c];
        this.values = new double[c * Math.max(1, dim)];
    }

    void add(long timeNs, double[] action, int n) {
        if (count == timesNs.length) {
            timesNs = Arrays.copyOf(timesNs, count * 2);
            values = Arrays.copyOf(values, count * 2 * Math.max(1, dim));
        }
        timesNs[count] = timeNs;
        System.arraycopy(action, 0, values, count * dim, Math.min(n, dim));
        count++;
    }

    public List<String> joints() {
        return joints;
    }

    public int count() {
        return count;
    }

    public long timeNs(int i) {
        return timesNs[i];
    }

    public double value(int i, int joint) {
        return values[i * dim + joint];
    }
}
