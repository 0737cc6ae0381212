package io.chunkrt.ros.dds.ffi;

import io.chunkrt.ros.transport.TransportException;
import java.lang.foreign.MemorySegment;

/**
 * A DDS waitset that a platform thread blocks on until one of the attached readers has data (blocking in
 * native code pins a virtual thread's carrier, so use platform threads). No callbacks from Cyclone threads.
 */
public final class NativeWaitSet implements AutoCloseable {
    private static final int DDS_ANY_STATE = 127;

    private final CycloneLibrary lib = CycloneLibrary.get();
    private final int waitSet;

    public NativeWaitSet(int participant) {
        int rc;
        try {
            rc = (int) lib.createWaitSet.invokeExact(participant);
        } catch (Throwable t) {
            throw new TransportException("dds_create_waitset failed: " + t);
        }
        waitSet = CycloneDds.check(rc, "waitset");
    }

    /** Wakes {@link #await} whenever {@code reader} holds a sample. */
    public void attachReader(int reader, long tag) {
        try {
            int cond = (int) lib.createReadCondition.invokeExact(reader, DDS_ANY_STATE);
            CycloneDds.check(cond, "read condition");
            int rc = (int) lib.waitSetAttach.invokeExact(waitSet, cond, tag);
            CycloneDds.check(rc, "waitset attachment");
        } catch (TransportException e) {
            throw e;
        } catch (Throwable t) {
            throw new TransportException("attaching a reader to a waitset failed: " + t);
        }
    }

    /**
     * Blocks until a condition triggers, {@link #wake()} is called, or {@code timeoutNs} passes.
     *
     * @return the number of triggered conditions (0 on timeout), or a negative DDS return code
     */
    public int await(long timeoutNs) {
        try {
            return (int) lib.waitSetWait.invokeExact(waitSet, MemorySegment.NULL, 0L, timeoutNs);
        } catch (Throwable t) {
            throw new IllegalStateException("dds_waitset_wait failed", t);
        }
    }

    /** Sets or clears the waitset's own trigger (a set trigger makes every {@link #await} return at once). */
    public void trigger(boolean on) {
        try {
            int rc = (int) lib.waitSetSetTrigger.invokeExact(waitSet, on);
            if (rc < 0) {
                throw new IllegalStateException("dds_waitset_set_trigger: " + lib.retCode(rc));
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("dds_waitset_set_trigger failed", t);
        }
    }

    @Override
    public void close() {
        CycloneDds.delete(waitSet);
    }
}
