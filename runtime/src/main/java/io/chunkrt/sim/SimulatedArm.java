package io.chunkrt.sim;

import io.chunkrt.control.CommandSink;
import io.chunkrt.control.DoubleSnapshot;
import io.chunkrt.control.MeasuredJoints;

/**
 * N joints with first-order position tracking of the command (time constant tau, integrated exactly:
 * x' = c + (x - c) exp(-dt / tau)) and hard position limits, stepped by the loop's clock. The control thread
 * reads and commands it; other threads read a lock-free snapshot of its positions.
 */
public final class SimulatedArm implements MeasuredJoints, CommandSink {
    private final double tauS;
    private final double min;
    private final double max;
    private final double[] position;
    private final double[] command;
    private final DoubleSnapshot snapshot;
    private long lastNs = Long.MIN_VALUE;

    public SimulatedArm(double[] initialPosition, double tauS, double positionMin, double positionMax) {
        this.tauS = tauS;
        this.min = positionMin;
        this.max = positionMax;
        this.position = initialPosition.clone();
        this.command = initialPosition.clone();
        this.snapshot = new DoubleSnapshot(position.length);
    }

    public int joints() {
        return position.length;
    }

    /** Integrates the tracking dynamics up to {@code nowNs}. */
    public void advanceTo(long nowNs) {
        if (lastNs != Long.MIN_VALUE && nowNs > lastNs) {
            double decay = Math.exp(-(nowNs - lastNs) * 1e-9 / tauS);
            for (int j = 0; j < position.length; j++) {
                position[j] = Math.min(Math.max(command[j] + (position[j] - command[j]) * decay, min), max);
            }
        }
        lastNs = nowNs;
        snapshot.write(position, nowNs);
    }

    @Override
    public long read(long nowNs, double[] positionsOut) {
        advanceTo(nowNs);
        System.arraycopy(position, 0, positionsOut, 0, position.length);
        return nowNs;
    }

    @Override
    public void write(double[] newCommand, long nowNs) {
        advanceTo(nowNs);
        System.arraycopy(newCommand, 0, command, 0, command.length);
    }

    /** Positions as of the last step, from any thread; returns their time. */
    public long snapshot(double[] out) {
        return snapshot.read(out);
    }
}
