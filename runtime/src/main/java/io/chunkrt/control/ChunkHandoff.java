package io.chunkrt.control;

import io.chunkrt.policy.ActionChunk;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A triple buffer of chunks from the inference thread to the control thread: the writer never waits, the
 * reader gets the newest complete chunk, neither allocates (IHMC's ConcurrentCopier pattern).
 */
final class ChunkHandoff {
    private static final int FRESH = 4;
    private static final int INDEX = 3;
    private final ActionChunk[] chunks;
    private final AtomicInteger middle = new AtomicInteger(1);
    private int writeIndex = 0;
    private int readIndex = 2;

    ChunkHandoff(int horizon, int actionDim) {
        chunks = new ActionChunk[] {new ActionChunk(horizon, actionDim), new ActionChunk(horizon, actionDim), new ActionChunk(horizon, actionDim)};
    }

    /** Writer side: the chunk to fill next. */
    ActionChunk writeBuffer() {
        return chunks[writeIndex];
    }

    /** Writer side: makes the filled chunk the newest. */
    void publish() {
        writeIndex = middle.getAndSet(writeIndex | FRESH) & INDEX;
    }

    /** Reader side: copies the newest chunk into out if one was published since the last poll. */
    boolean poll(ActionChunk out) {
        if ((middle.get() & FRESH) == 0) {
            return false;
        }
        readIndex = middle.getAndSet(readIndex) & INDEX;
        out.copyFrom(chunks[readIndex]);
        return true;
    }
}
