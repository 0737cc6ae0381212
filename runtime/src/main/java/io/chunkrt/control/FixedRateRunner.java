package io.chunkrt.control;

import io.chunkrt.time.Clock;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a tick at absolute deadlines on its own platform thread: park until shortly before the deadline, spin
 * the rest, skip whole missed periods and count them (WPILib's notifier habit). Period error and tick cost go
 * into the loop's histograms.
 */
public final class FixedRateRunner implements AutoCloseable {
    private final ControlLoop loop;
    private final Clock clock;
    private final long periodNs;
    private final long spinNs;
    private final TickListener listener;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param spinNs how long before each deadline to stop parking and spin (parking wakes up late by ~50-100 us) */
    public FixedRateRunner(ControlLoop loop, Clock clock, long periodNs, long spinNs) {
        this(loop, clock, periodNs, spinNs, null);
    }

    /** @param listener called after every tick on the control thread, failed ones included (null: none) */
    public FixedRateRunner(ControlLoop loop, Clock clock, long periodNs, long spinNs, TickListener listener) {
        this.loop = loop;
        this.listener = listener;
        this.clock = clock;
        this.periodNs = periodNs;
        this.spinNs = spinNs;
        this.thread = Thread.ofPlatform().name("chunkrt-control").unstarted(this::run);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        LoopStats stats = loop.stats();
        long deadlineNs = clock.nanoTime() + periodNs;
        while (running) {
            long nowNs = clock.nanoTime();
            long remainingNs = deadlineNs - nowNs;
            if (remainingNs > spinNs) {
                LockSupport.parkNanos(remainingNs - spinNs);
                continue;
            }
            if (remainingNs > 0) {
                Thread.onSpinWait();
                continue;
            }
            long lateNs = -remainingNs;
            stats.recordPeriodError(lateNs);
            if (lateNs >= periodNs) {
                long missed = lateNs / periodNs;
                stats.add(LoopCounter.MISSED_PERIODS, missed);
                deadlineNs += missed * periodNs;
            }
            try {
                loop.tick(nowNs);
            } catch (RuntimeException e) {
                loop.tickFailed(e, nowNs);
            }
            if (listener != null) {
                listener.afterTick(nowNs);
            }
            stats.recordTickCost(clock.nanoTime() - nowNs);
            deadlineNs += periodNs;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
