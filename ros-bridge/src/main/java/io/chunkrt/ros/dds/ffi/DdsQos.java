package io.chunkrt.ros.dds.ffi;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.chunkrt.ros.transport.TransportException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A native dds_qos_t being filled for one entity; close it after the entity is created. */
public final class DdsQos implements AutoCloseable {
    public static final int BEST_EFFORT = 0;
    public static final int RELIABLE = 1;
    public static final int VOLATILE = 0;
    public static final int TRANSIENT_LOCAL = 1;
    public static final int KEEP_LAST = 0;
    public static final int KEEP_ALL = 1;
    public static final int IGNORE_LOCAL_NONE = 0;
    public static final int IGNORE_LOCAL_PARTICIPANT = 1;
    private static final short XCDR1 = 0;

    private final CycloneLibrary lib = CycloneLibrary.get();
    final MemorySegment qos;

    public DdsQos() {
        try {
            qos = (MemorySegment) lib.createQos.invokeExact();
        } catch (Throwable t) {
            throw new TransportException("dds_create_qos failed: " + t);
        }
        if (qos.equals(MemorySegment.NULL)) {
            throw new TransportException("dds_create_qos returned NULL (out of memory)");
        }
    }

    public DdsQos reliability(int kind, long maxBlockingNs) {
        try {
            lib.qsetReliability.invokeExact(qos, kind, maxBlockingNs);
        } catch (Throwable t) {
            throw new TransportException("dds_qset_reliability failed: " + t);
        }
        return this;
    }

    public DdsQos durability(int kind) {
        try {
            lib.qsetDurability.invokeExact(qos, kind);
        } catch (Throwable t) {
            throw new TransportException("dds_qset_durability failed: " + t);
        }
        return this;
    }

    public DdsQos history(int kind, int depth) {
        try {
            lib.qsetHistory.invokeExact(qos, kind, depth);
        } catch (Throwable t) {
            throw new TransportException("dds_qset_history failed: " + t);
        }
        return this;
    }

    public DdsQos userData(byte[] value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, v, JAVA_BYTE, 0, value.length);
            lib.qsetUserData.invokeExact(qos, v, (long) value.length);
        } catch (Throwable t) {
            throw new TransportException("dds_qset_userdata failed: " + t);
        }
        return this;
    }

    /** Restricts to XCDR1, as rmw_cyclonedds does for every ROS endpoint. */
    public DdsQos xcdr1Only() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ids = arena.allocate(JAVA_SHORT);
            ids.set(JAVA_SHORT, 0, XCDR1);
            lib.qsetDataRepresentation.invokeExact(qos, 1, ids);
        } catch (Throwable t) {
            throw new TransportException("dds_qset_data_representation failed: " + t);
        }
        return this;
    }

    public DdsQos ignoreLocal(int kind) {
        try {
            lib.qsetIgnoreLocal.invokeExact(qos, kind);
        } catch (Throwable t) {
            throw new TransportException("dds_qset_ignorelocal failed: " + t);
        }
        return this;
    }

    @Override
    public void close() {
        try {
            lib.deleteQos.invokeExact(qos);
        } catch (Throwable t) {
            throw new TransportException("dds_delete_qos failed: " + t);
        }
    }
}
