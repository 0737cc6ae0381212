package io.chunkrt.safety;

import java.util.concurrent.atomic.AtomicLongArray;

/** Counts per {@link SafetyFault}: written by the control thread only, read by any thread without locks. */
public final class FaultCounters {
    private final AtomicLongArray counts = new AtomicLongArray(SafetyFault.values().length);

    /** Single writer: a plain read plus an ordered write is enough and never allocates. */
    void increment(SafetyFault fault) {
        int i = fault.ordinal();
        counts.lazySet(i, counts.get(i) + 1);
    }

    public long get(SafetyFault fault) {
        return counts.get(fault.ordinal());
    }

    public long total() {
        long sum = 0;
        for (int i = 0; i < counts.length(); i++) {
            sum += counts.get(i);
        }
        return sum;
    }
}
