package io.chunkrt.time;

/** {@link System#nanoTime()}. */
public final class WallClock implements Clock {
    public static final WallClock INSTANCE = new WallClock();

    private WallClock() {}

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
