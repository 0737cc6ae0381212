package io.chunkrt.fusion;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-stream ingest counts by {@link IngestStatus}, written by the stream's one producer thread and readable from
 * any thread without locks (release writes, acquire reads).
 */
public final class IngestCounters {
    private static final int RESYNC = IngestStatus.values().length;

    private final AtomicLongArray counts = new AtomicLongArray(RESYNC + 1);
    private volatile IngestStatus lastStatus = IngestStatus.ACCEPTED;

    /** Messages that ended with {@code status}. */
    public long count(IngestStatus status) {
        return counts.getAcquire(status.ordinal());
    }

    /** Messages dropped for any reason. */
    public long rejected() {
        long n = 0;
        for (IngestStatus s : IngestStatus.values()) {
            if (s != IngestStatus.ACCEPTED) {
                n += counts.getAcquire(s.ordinal());
            }
        }
        return n;
    }

    /** Times the stream started over on a new timeline after a persistent clock jump. */
    public long resyncs() {
        return counts.getAcquire(RESYNC);
    }

    /** The outcome of the newest message: anything but ACCEPTED keeps frames from being built until a good one arrives. */
    public IngestStatus lastStatus() {
        return lastStatus;
    }

    void record(IngestStatus status) {
        increment(status.ordinal());
        lastStatus = status;
    }

    void recordResync() {
        increment(RESYNC);
    }

    private void increment(int i) {
        counts.setRelease(i, counts.getPlain(i) + 1);
    }
}
