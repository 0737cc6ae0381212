package io.chunkrt.ros.transport;

import io.chunkrt.ros.cdr.SampleFault;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts what a subscription received: samples decoded and samples dropped per {@link SampleFault}.
 * Written by the one receive thread (ordered stores, no locks, no allocation), read by any thread.
 */
public final class SampleCounters {
    private static final SampleFault[] FAULTS = SampleFault.values();

    private final AtomicLongArray counts = new AtomicLongArray(FAULTS.length);

    /** Records one sample's outcome ({@link SampleFault#NONE} = decoded). Single writer. */
    public void record(SampleFault outcome) {
        int i = outcome.ordinal();
        counts.lazySet(i, counts.get(i) + 1);
    }

    public long decoded() {
        return counts.get(SampleFault.NONE.ordinal());
    }

    public long dropped(SampleFault reason) {
        return counts.get(reason.ordinal());
    }

    /** Samples dropped for any reason. */
    public long droppedTotal() {
        long sum = 0;
        for (int i = 1; i < FAULTS.length; i++) {
            sum += counts.get(i);
        }
        return sum;
    }

    /** e.g. {@code decoded=120 dropped=2 (TRUNCATED=1 SAMPLE_TOO_LARGE=1)}; allocates, for diagnostics. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("decoded=").append(decoded()).append(" dropped=").append(droppedTotal());
        String sep = " (";
        for (int i = 1; i < FAULTS.length; i++) {
            long n = counts.get(i);
            if (n != 0) {
                sb.append(sep).append(FAULTS[i].name()).append('=').append(n);
                sep = " ";
            }
        }
        return sep.equals(" ") ? sb.append(')').toString() : sb.toString();
    }
}
