package io.chunkrt.ros.dds.ffi;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Takes raw CDR samples from one DDS reader straight into a Java array (one critical downcall per sample,
 * no copy through native memory, no allocation once the array has been seen). One thread at a time.
 */
public final class NativeReader implements AutoCloseable {
    /** {@link #take} result: one sample copied. */
    public static final int SAMPLE = 1;
    /** {@link #take} result: nothing to take. */
    public static final int NONE = 0;
    /** {@link #take} result: the sample did not fit and was dropped; {@link #sampleBytes()} says how large it was. */
    public static final int TOO_LARGE = -100;

    private static final long TS_OFFSET = 0;
    private static final long SIZE_OFFSET = 24;
    private static final long INVALID_OFFSET = 28;

    private final CycloneLibrary lib = CycloneLibrary.get();
    private final int reader;
    // freed by the GC, so a take racing with close() never touches freed memory
    private final MemorySegment info = Arena.ofAuto().allocate(32, 8);
    private final byte[] buffer;
    private final MemorySegment bufferSegment;

    /** @param buffer the receive buffer every {@link #take()} fills */
    public NativeReader(int readerEntity, byte[] buffer) {
        this.reader = readerEntity;
        this.buffer = buffer;
        this.bufferSegment = MemorySegment.ofArray(buffer);
    }

    public int entity() {
        return reader;
    }

    /**
     * Takes at most one sample into the receive buffer, skipping samples that carry no data.
     *
     * @return {@link #SAMPLE}, {@link #NONE}, {@link #TOO_LARGE}, or a negative DDS return code
     */
    public int take() {
        try {
            return (int) lib.shimTake.invokeExact(reader, bufferSegment, buffer.length, info);
        } catch (Throwable t) {
            throw new IllegalStateException("crt_take failed", t);
        }
    }

    /** Size of the last sample taken (or refused as too large), header included. */
    public int sampleBytes() {
        return info.get(JAVA_INT, SIZE_OFFSET);
    }

    /** Source timestamp of the last sample, ns since the epoch (the writer's clock). */
    public long sourceTimestampNs() {
        return info.get(JAVA_LONG, TS_OFFSET);
    }

    /** Samples without data skipped by the last {@link #take}. */
    public int invalidSamplesSkipped() {
        return info.get(JAVA_INT, INVALID_OFFSET);
    }

    @Override
    public void close() {
        CycloneDds.delete(reader);
    }
}
