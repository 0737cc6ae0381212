package io.chunkrt.ros.dds.ffi;

import java.lang.foreign.MemorySegment;

/**
 * Writes raw CDR samples (encapsulation header included) from a Java array to one DDS writer: the bytes are
 * copied once into a new serdata by a critical downcall, then handed to dds_writecdr. No allocation once the
 * array has been seen; keep one array (e.g. a ring's backing array) and pass offsets.
 */
public final class NativeWriter implements AutoCloseable {
    /** {@link #write} result when Cyclone could not wrap the bytes (shorter than a header, or out of memory). */
    public static final int NO_SERDATA = -101;

    private final CycloneLibrary lib = CycloneLibrary.get();
    private final int writer;
    private final MemorySegment sertype;
    private byte[] array;
    private MemorySegment arraySegment;

    public NativeWriter(int writerEntity, CycloneDds.Topic topic) {
        this.writer = writerEntity;
        this.sertype = MemorySegment.ofAddress(topic.sertypeAddress());
    }

    public int entity() {
        return writer;
    }

    /**
     * Publishes {@code buffer[offset, offset+length)}.
     *
     * @return 0 on success, {@link #NO_SERDATA}, or a negative DDS return code
     */
    public int write(byte[] buffer, int offset, int length) {
        if (buffer != array) {
            array = buffer;
            arraySegment = MemorySegment.ofArray(buffer);
        }
        try {
            long serdata = (long) lib.shimSerdataFromCdr.invokeExact(sertype, arraySegment, offset, length);
            if (serdata == 0) {
                return NO_SERDATA;
            }
            return (int) lib.writeCdr.invokeExact(writer, serdata);
        } catch (Throwable t) {
            throw new IllegalStateException("crt_serdata_from_cdr/dds_writecdr failed", t);
        }
    }

    @Override
    public void close() {
        CycloneDds.delete(writer);
    }
}
