package io.chunkrt.sim;

import io.chunkrt.control.CommandSink;
import io.chunkrt.control.LoopCounter;
import io.chunkrt.control.LoopStats;

/**
 * Records every command and whether a chunk was accepted at that tick (preallocated for a fixed number of
 * ticks), then forwards it. Measures continuity: the largest command step at a chunk seam versus the largest
 * step elsewhere.
 */
public final class CommandTrace implements CommandSink {
    private final CommandSink next;
    private final LoopStats stats;
    private final int dim;
    private final double[] commands;
    private final boolean[] seam;
    private final long[] timesNs;
    private int ticks;
    private long acceptedSoFar;

    public CommandTrace(CommandSink next, LoopStats stats, int dim, int capacityTicks) {
        this.next = next;
        this.stats = stats;
        this.dim = dim;
        this.commands = new double[capacityTicks * dim];
        this.seam = new boolean[capacityTicks];
        this.timesNs = new long[capacityTicks];
    }

    @Override
    public void write(double[] command, long nowNs) {
        if (ticks < seam.length) {
            System.arraycopy(command, 0, commands, ticks * dim, dim);
            long accepted = stats.get(LoopCounter.CHUNKS_ACCEPTED);
            seam[ticks] = accepted != acceptedSoFar;
            acceptedSoFar = accepted;
            timesNs[ticks] = nowNs;
            ticks++;
        }
        next.write(command, nowNs);
    }

    public int ticks() {
        return ticks;
    }

    /** Largest |c_k - c_k-1| over joints, at ticks within {@code windowTicks} after a chunk was accepted (seam) or elsewhere. */
    public Continuity continuity(int windowTicks, int skipTicks) {
        double atSeam = 0;
        double inside = 0;
        int sinceSeam = Integer.MAX_VALUE;
        for (int k = 1; k < ticks; k++) {
            sinceSeam = seam[k] ? 0 : (sinceSeam == Integer.MAX_VALUE ? sinceSeam : sinceSeam + 1);
            if (k < skipTicks) {
                continue;
            }
            double step = 0;
            for (int j = 0; j < dim; j++) {
                step = Math.max(step, Math.abs(commands[k * dim + j] - commands[(k - 1) * dim + j]));
            }
            if (sinceSeam < windowTicks) {
                atSeam = Math.max(atSeam, step);
            } else {
                inside = Math.max(inside, step);
            }
        }
        return new Continuity(atSeam, inside);
    }

    /** Ticks after {@code skipTicks} whose command equals the previous one on every joint (the arm stood still). */
    public int stalledTicks(int skipTicks) {
        int stalled = 0;
        for (int k = Math.max(1, skipTicks); k < ticks; k++) {
            boolean same = true;
            for (int j = 0; j < dim && same; j++) {
                same = commands[k * dim + j] == commands[(k - 1) * dim + j];
            }
            stalled += same ? 1 : 0;
        }
        return stalled;
    }

    public record Continuity(double largestSeamStep, double largestInChunkStep) {}
}
