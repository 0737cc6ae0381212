package io.chunkrt.ros.node;

import io.chunkrt.time.Clock;
import java.time.Instant;

/**
 * The node's clock: ROS system time (nanoseconds since the epoch, the clock header stamps use) on a monotonic
 * base. {@link System#nanoTime()} shifted once, at construction, by the wall clock's offset, so it never jumps
 * when NTP steps the wall clock, and header stamps from publishers on the same machine compare with receive
 * times directly.
 */
public final class EpochClock implements Clock {
    private final long offsetNs;

    public EpochClock() {
        Instant wall = Instant.now();
        long mono = System.nanoTime();
        this.offsetNs = wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - mono;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime() + offsetNs;
    }
}
