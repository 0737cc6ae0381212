package io.chunkrt.fusion;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The slots of one stream and their hand-over between its one producer (a receive thread) and its one consumer
 * (the inference thread), without locks or allocation.
 *
 * <p>Each slot has a state word: bit 0 WRITING (the producer owns it), bit 1 PINNED (the consumer is reading
 * it), the rest a generation that every publish advances. The producer claims a slot by CAS from a state without
 * either flag, so it never overwrites a pinned slot; it fills the slot and publishes with a release store. The
 * consumer snapshots metadata seqlock-style (state, fields, fence, state again), selects slots, then pins each by
 * CAS from the exact state it saw, so a slot rewritten since the snapshot fails the pin and the selection is
 * redone. While pinned, only the consumer changes the state (its unpin), so the slot's data stays put for as
 * long as the preprocessing needs it.
 *
 * <p>Time: a sample's time is its header stamp, or its receive time when the stamp is 0 (unset). Clock checks
 * happen at ingest ({@link #admit}); a sample that passes every check is stored by {@link #claim}, the stream's
 * own writes, and {@link #publish}.
 */
final class SampleRing {
    static final int WRITING = 1;
    static final int PINNED = 2;
    static final int FLAGS = WRITING | PINNED;
    static final int GENERATION = 4;

    final String streamName;
    final StreamSettings settings;
    final int depth;
    final IngestCounters counters = new IngestCounters();
    private final AtomicIntegerArray states;
    /** Written by the producer while it owns a slot; read by the consumer under the seqlock or a pin. */
    final long[] timeNs;
    final long[] receiveNs;
    final int[] slotEpoch;
    /** Bumped by a resync; slots of older epochs are ignored. */
    private volatile int epoch;

    // producer side
    private int cursor;
    private boolean anyAccepted;
    private long lastTimeNs;
    private long lastReceiveNs;
    private long newestTimeNs;
    private int jumpRun;
    private boolean resyncPending;
    private long pendingTimeNs;
    private long pendingReceiveNs;

    SampleRing(String streamName, StreamSettings settings) {
        this.streamName = streamName;
        this.settings = settings;
        this.depth = settings.depth();
        this.states = new AtomicIntegerArray(depth);
        this.timeNs = new long[depth];
        this.receiveNs = new long[depth];
        this.slotEpoch = new int[depth];
        java.util.Arrays.fill(slotEpoch, -1);
    }

    // ---------------------------------------------------------------- producer

    /**
     * Checks the sample's clock: header stamp first (receive time when the stamp is 0), not ahead of the receive
     * time beyond the tolerance, no jump against the stream's history. Remembers the time for {@link #publish}.
     */
    IngestStatus admit(long stampNs, long receiveNs) {
        long t = stampNs != 0 ? stampNs : receiveNs;
        if (t - receiveNs > settings.futureToleranceNs()) {
            return IngestStatus.STAMP_IN_FUTURE;
        }
        resyncPending = false;
        if (anyAccepted) {
            long drift = (t - lastTimeNs) - (receiveNs - lastReceiveNs);
            boolean jumped = newestTimeNs - t > settings.clockJumpNs() || Math.abs(drift) > settings.clockJumpNs();
            if (jumped) {
                if (jumpRun + 1 < settings.resyncAfter()) {
                    jumpRun++;
                    return IngestStatus.CLOCK_JUMP;
                }
                resyncPending = true;
            }
        }
        pendingTimeNs = t;
        pendingReceiveNs = receiveNs;
        return IngestStatus.ACCEPTED;
    }

    /** A free slot, now owned by the producer, or -1 when the consumer has pinned every slot. */
    int claim() {
        for (int tries = 0; tries < depth; tries++) {
            int s = cursor;
            cursor = cursor + 1 == depth ? 0 : cursor + 1;
            int st = states.get(s);
            if ((st & FLAGS) == 0 && states.compareAndSet(s, st, st | WRITING)) {
                return s;
            }
        }
        return -1;
    }

    /** Stamps the claimed slot with the admitted times and hands it to the consumer. */
    void publish(int slot) {
        if (resyncPending) {
            epoch = epoch + 1;
            counters.recordResync();
            newestTimeNs = Long.MIN_VALUE;
        }
        timeNs[slot] = pendingTimeNs;
        receiveNs[slot] = pendingReceiveNs;
        slotEpoch[slot] = epoch;
        int st = states.get(slot);
        states.setRelease(slot, (st & ~FLAGS) + GENERATION);
        anyAccepted = true;
        jumpRun = 0;
        lastTimeNs = pendingTimeNs;
        lastReceiveNs = pendingReceiveNs;
        newestTimeNs = Math.max(newestTimeNs, pendingTimeNs);
        counters.record(IngestStatus.ACCEPTED);
    }

    IngestStatus reject(IngestStatus status) {
        counters.record(status);
        return status;
    }

    // ---------------------------------------------------------------- consumer

    int epoch() {
        return epoch;
    }

    /**
     * The slot's state if it holds a complete sample of {@code currentEpoch} that did not change while its times
     * were copied into {@code time}/{@code receive} at {@code slot}; -1 otherwise.
     */
    int snapshot(int slot, int currentEpoch, long[] time, long[] receive) {
        int st = states.getAcquire(slot);
        if ((st & WRITING) != 0) {
            return -1;
        }
        int e = slotEpoch[slot];
        long t = timeNs[slot];
        long r = receiveNs[slot];
        VarHandle.acquireFence();
        if (states.get(slot) != st || e != currentEpoch) {
            return -1;
        }
        time[slot] = t;
        receive[slot] = r;
        return st;
    }

    /** Pins a slot that still has the state seen in the snapshot; false when the producer has rewritten it since. */
    boolean pin(int slot, int seenState) {
        return states.compareAndSet(slot, seenState, seenState | PINNED);
    }

    void unpin(int slot, int seenState) {
        states.setRelease(slot, seenState);
    }
}
