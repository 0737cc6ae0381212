package io.chunkrt.time;

/** The one source of time on a path: read once per tick and passed down (Aeron's {@code NanoClock}). */
public interface Clock {
    /** Monotonic nanoseconds; only differences are meaningful. */
    long nanoTime();
}
