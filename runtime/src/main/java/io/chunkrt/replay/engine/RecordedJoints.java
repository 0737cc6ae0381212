package io.chunkrt.replay.engine;

import io.chunkrt.control.MeasuredJoints;
import java.util.List;

/**
 * Open-loop measured joints: the newest recorded position of each commanded joint, taken by name from whichever
 * joint-state stream carries it. Its stamp is the oldest of those newest receive times, so one silent arm makes the
 * whole arm stale. Written and read on the replay thread; allocation-free after start-up.
 */
final class RecordedJoints implements MeasuredJoints {
    private final JointOrder order;
    private final double[] positions;
    private final long[] receivedNs;

    RecordedJoints(List<String> commandedJoints, int maxNames) {
        this.order = new JointOrder(commandedJoints, maxNames);
        this.positions = new double[commandedJoints.size()];
        this.receivedNs = new long[commandedJoints.size()];
        java.util.Arrays.fill(receivedNs, Long.MIN_VALUE);
    }

    void offer(String[] names, int count, double[] values, long receiveNs) {
        if (order.resolve(names, count) == 0) {
            return;
        }
        for (int j = 0; j < positions.length; j++) {
            int i = order.messageIndex(j);
            if (i >= 0 && Double.isFinite(values[i])) {
                positions[j] = values[i];
                receivedNs[j] = receiveNs;
            }
        }
    }

    /** Whether every commanded joint has been recorded at least once. */
    boolean complete() {
        for (long t : receivedNs) {
            if (t == Long.MIN_VALUE) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long read(long nowNs, double[] positionsOut) {
        long oldest = Long.MAX_VALUE;
        for (long t : receivedNs) {
            if (t == Long.MIN_VALUE) {
                return Long.MIN_VALUE;
            }
            oldest = Math.min(oldest, t);
        }
        System.arraycopy(positions, 0, positionsOut, 0, positions.length);
        return oldest;
    }
}
