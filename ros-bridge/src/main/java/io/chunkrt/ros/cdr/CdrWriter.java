package io.chunkrt.ros.cdr;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes one little-endian XCDR1 sample: the encapsulation header {@code 00 01 00 00}, then the body with
 * alignment relative to the byte after the header. The output is exactly the serialized message that rmw and
 * rosbag2 produce (no trailing padding).
 *
 * <p>A fixed writer never allocates: when the message does not fit, {@link #overflowed()} becomes true and the
 * rest is discarded. A growable writer (start-up and tests) enlarges its array instead.
 */
public final class CdrWriter {
    private static final VarHandle LE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int HEADER = CdrReader.HEADER_BYTES;

    private final boolean growable;
    private byte[] buf;
    private int base;
    private int limit;
    private int origin;
    private int pos;
    private boolean overflowed;

    private CdrWriter(byte[] buf, boolean growable) {
        this.buf = buf;
        this.growable = growable;
    }

    /** A writer that fills caller-owned arrays given to {@link #begin(byte[])}; never allocates. */
    public static CdrWriter fixed() {
        return new CdrWriter(new byte[0], false);
    }

    /** A writer owning an array that grows as needed; for start-up paths and tests. */
    public static CdrWriter growable(int initialBytes) {
        CdrWriter w = new CdrWriter(new byte[Math.max(initialBytes, HEADER)], true);
        w.begin();
        return w;
    }

    /** Starts a sample filling all of {@code target} (fixed writers). */
    public CdrWriter begin(byte[] target) {
        return begin(target, 0, target.length);
    }

    /** Starts a sample in {@code target[offset, offset+capacity)} (fixed writers). */
    public CdrWriter begin(byte[] target, int offset, int capacity) {
        if (growable) {
            throw new IllegalStateException("a growable writer owns its buffer; call begin()");
        }
        this.buf = target;
        this.base = offset;
        this.limit = offset + capacity;
        return start();
    }

    /** Starts a new sample at the start of the current buffer. */
    public CdrWriter begin() {
        if (growable) {
            base = 0;
            limit = Integer.MAX_VALUE;
        }
        return start();
    }

    private CdrWriter start() {
        overflowed = false;
        pos = base;
        origin = base + HEADER;
        if (!ensure(HEADER)) {
            return this;
        }
        buf[pos] = 0;
        buf[pos + 1] = 1;
        buf[pos + 2] = 0;
        buf[pos + 3] = 0;
        pos += HEADER;
        return this;
    }

    /** Serialized size so far, header included. */
    public int length() {
        return pos - base;
    }

    /** Where the sample starts in {@link #buffer()}. */
    public int offset() {
        return base;
    }

    public byte[] buffer() {
        return buf;
    }

    public boolean overflowed() {
        return overflowed;
    }

    /** A copy of the sample written so far (allocates; tests and start-up). */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(buf, base, pos);
    }

    private boolean ensure(int bytes) {
        if (overflowed) {
            return false;
        }
        if (Math.min(buf.length, limit) - pos >= bytes) {
            return true;
        }
        if (growable) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + bytes));
            return true;
        }
        overflowed = true;
        return false;
    }

    private boolean align(int alignment, int size) {
        int padded = origin + ((pos - origin + alignment - 1) & -alignment);
        if (!ensure(padded - pos + size)) {
            return false;
        }
        while (pos < padded) {
            buf[pos++] = 0;
        }
        return true;
    }

    public CdrWriter writeUint8(int v) {
        if (align(1, 1)) {
            buf[pos++] = (byte) v;
        }
        return this;
    }

    public CdrWriter writeBool(boolean v) {
        return writeUint8(v ? 1 : 0);
    }

    public CdrWriter writeInt16(int v) {
        if (align(2, 2)) {
            LE_SHORT.set(buf, pos, (short) v);
            pos += 2;
        }
        return this;
    }

    public CdrWriter writeInt32(int v) {
        if (align(4, 4)) {
            LE_INT.set(buf, pos, v);
            pos += 4;
        }
        return this;
    }

    /** Writes the low 32 bits of {@code v} as a uint32. */
    public CdrWriter writeUint32(long v) {
        return writeInt32((int) v);
    }

    public CdrWriter writeInt64(long v) {
        if (align(8, 8)) {
            LE_LONG.set(buf, pos, v);
            pos += 8;
        }
        return this;
    }

    public CdrWriter writeFloat32(float v) {
        return writeInt32(Float.floatToRawIntBits(v));
    }

    public CdrWriter writeFloat64(double v) {
        return writeInt64(Double.doubleToRawLongBits(v));
    }

    public CdrWriter writeString(RosString s) {
        int n = s.length();
        writeInt32(n + 1);
        if (ensure(n + 1)) {
            System.arraycopy(s.bytes(), 0, buf, pos, n);
            pos += n;
            buf[pos++] = 0;
        }
        return this;
    }

    public CdrWriter writeFloat64s(double[] src, int count) {
        if (count > 0 && align(8, 8 * count)) {
            for (int i = 0; i < count; i++, pos += 8) {
                LE_LONG.set(buf, pos, Double.doubleToRawLongBits(src[i]));
            }
        }
        return this;
    }

    public CdrWriter writeFloat32s(float[] src, int count) {
        if (count > 0 && align(4, 4 * count)) {
            for (int i = 0; i < count; i++, pos += 4) {
                LE_INT.set(buf, pos, Float.floatToRawIntBits(src[i]));
            }
        }
        return this;
    }

    public CdrWriter writeBytes(byte[] src, int offset, int count) {
        if (count > 0 && ensure(count)) {
            System.arraycopy(src, offset, buf, pos, count);
            pos += count;
        }
        return this;
    }
}
