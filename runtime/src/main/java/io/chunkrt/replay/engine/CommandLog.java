package io.chunkrt.replay.engine;

import io.chunkrt.control.CommandSink;
import java.util.Arrays;
import java.util.List;

/**
 * Every command the replayed loop wrote, with its time and what happened in its tick ({@link #CHUNK} a chunk was
 * accepted, {@link #HOLD} no action was due so the safety layer held, {@link #SAFETY} the safety layer intervened).
 * Sized for the recording's duration at start-up; it grows (allocates) only if the recording runs longer than it said.
 */
public final class CommandLog implements CommandSink {
    public static final int CHUNK = 1;
    public static final int HOLD = 2;
    public static final int SAFETY = 4;

    private final List<String> joints;
    private final int dim;
    private long[] timesNs;
    private double[] commands;
    private byte[] flags;
    private int count;

    CommandLog(List<String> joints, int capacity) {
        this.joints = List.copyOf(joints);
        this.dim = joints.size();
        int c = Math.max(16, capacity);
        this.timesNs = new long[c];
        this.commands = new double[c * dim];
        this.flags = new byte[c];
    }

    @Override
    public void write(double[] command, long nowNs) {
        if (count == timesNs.length) {
            int c = count * 2;
            timesNs = Arrays.copyOf(timesNs, c);
            commands = Arrays.copyOf(commands, c * dim);
            flags = Arrays.copyOf(flags, c);
        }
        timesNs[count] = nowNs;
        System.arraycopy(command, 0, commands, count * dim, dim);
        flags[count] = 0;
        count++;
    }

    /** Marks the newest command (the tick that just ran). */
    void flag(int bits) {
        flags[count - 1] |= (byte) bits;
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

    public double command(int i, int joint) {
        return commands[i * dim + joint];
    }

    public int flags(int i) {
        return flags[i];
    }

    public boolean has(int i, int flag) {
        return (flags[i] & flag) != 0;
    }
}
