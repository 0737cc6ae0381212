package io.chunkrt.time;

/** A clock that moves only when told: tests step it, replay advances it by message timestamps. */
public final class ManualClock implements Clock {
    private volatile long nowNs;

    public ManualClock(long startNs) {
        this.nowNs = startNs;
    }

    @Override
    public long nanoTime() {
        return nowNs;
    }

    public void set(long timeNs) {
        this.nowNs = timeNs;
    }

    public void advance(long deltaNs) {
        this.nowNs = nowNs + deltaNs;
    }
}
