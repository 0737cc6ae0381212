package io.chunkrt.control;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The latest value of a small double vector, written by one thread and read by others without locks or
 * allocation (a sequence lock: the reader retries if a write overlapped its copy).
 */
public final class DoubleSnapshot {
    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(DoubleSnapshot.class, "version", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final double[] values;
    @SuppressWarnings("unused") // accessed through VERSION
    private volatile long version;
    private volatile long stampNs = Long.MIN_VALUE;

    public DoubleSnapshot(int size) {
        this.values = new double[size];
    }

    /** Writer thread only. */
    public void write(double[] source, long stamp) {
        long v = (long) VERSION.getOpaque(this);
        VERSION.setOpaque(this, v + 1);
        VarHandle.storeStoreFence();
        System.arraycopy(source, 0, values, 0, values.length);
        stampNs = stamp;
        VERSION.setRelease(this, v + 2);
    }

    /** Copies the latest values into {@code out} and returns their stamp (Long.MIN_VALUE before any write). */
    public long read(double[] out) {
        while (true) {
            long before = (long) VERSION.getAcquire(this);
            long stamp = stampNs;
            System.arraycopy(values, 0, out, 0, values.length);
            VarHandle.loadLoadFence();
            long after = (long) VERSION.getOpaque(this);
            if ((before & 1) == 0 && before == after) {
                return stamp;
            }
            Thread.onSpinWait();
        }
    }
}
