package io.chunkrt.ros.cdr;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads one XCDR1 sample (4-byte encapsulation header, then the body) from a byte array without allocating.
 *
 * <p>Alignment is relative to the first byte after the header, each primitive aligned to its size (8 at most).
 * Errors are sticky: the first problem is recorded as a {@link SampleFault}, every later read returns zero and
 * consumes nothing, and the decoder asks {@link #fault()} or {@link #end()} once. Every length is checked
 * against the bytes left before anything is sized from it, so a hostile length cannot make a loop run long
 * or a buffer grow. One reader serves one thread; reuse it for every sample.
 */
public final class CdrReader {
    /** Bytes after the message that CDR padding can explain (Cyclone pads samples to 4, some writers to 8). */
    public static final int MAX_PADDING_BYTES = 7;
    public static final int HEADER_BYTES = 4;

    private static final VarHandle LE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf = new byte[0];
    private int origin;
    private int pos;
    private int limit;
    private boolean bigEndian;
    private SampleFault fault = SampleFault.NONE;

    /**
     * Starts reading the sample in {@code buf[offset, offset+length)}.
     *
     * @return {@link SampleFault#NONE}, or why the header is unusable (also recorded as {@link #fault()})
     */
    public SampleFault begin(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.fault = SampleFault.NONE;
        this.limit = offset + length;
        if (length < HEADER_BYTES) {
            this.origin = this.pos = this.limit;
            return fail(SampleFault.TRUNCATED);
        }
        int b0 = buf[offset];
        int b1 = buf[offset + 1];
        this.origin = this.pos = offset + HEADER_BYTES;
        if (b0 != 0 || (b1 != 0 && b1 != 1)) {
            return fail(SampleFault.UNSUPPORTED_ENCAPSULATION);
        }
        this.bigEndian = b1 == 0;
        return SampleFault.NONE;
    }

    public SampleFault fault() {
        return fault;
    }

    public boolean ok() {
        return fault == SampleFault.NONE;
    }

    /** Records {@code reason} unless an earlier fault is already recorded; returns the recorded fault. */
    public SampleFault fail(SampleFault reason) {
        if (fault == SampleFault.NONE) {
            fault = reason;
            pos = limit;
        }
        return fault;
    }

    public int remaining() {
        return limit - pos;
    }

    /** Offset of the next byte relative to the start of the body (after the header). */
    public int bodyPosition() {
        return pos - origin;
    }

    public boolean bigEndian() {
        return bigEndian;
    }

    /**
     * Checks the end of a sample: no fault and at most {@link #MAX_PADDING_BYTES} left over.
     *
     * @return the fault, {@link SampleFault#TRAILING_BYTES}, or {@link SampleFault#NONE}
     */
    public SampleFault end() {
        if (fault == SampleFault.NONE && limit - pos > MAX_PADDING_BYTES) {
            return fail(SampleFault.TRAILING_BYTES);
        }
        return fault;
    }

    private boolean need(int alignment, int size) {
        int p = origin + ((pos - origin + alignment - 1) & -alignment);
        if (p > limit || limit - p < size) {
            fail(SampleFault.TRUNCATED);
            return false;
        }
        pos = p;
        return true;
    }

    public int readUint8() {
        if (!need(1, 1)) {
            return 0;
        }
        return buf[pos++] & 0xFF;
    }

    public byte readInt8() {
        return (byte) readUint8();
    }

    /** A CDR bool: exactly 0 or 1, anything else is {@link SampleFault#INVALID_BOOLEAN}. */
    public boolean readBool() {
        int v = readUint8();
        if (v > 1) {
            fail(SampleFault.INVALID_BOOLEAN);
            return false;
        }
        return v == 1;
    }

    public short readInt16() {
        if (!need(2, 2)) {
            return 0;
        }
        short v = bigEndian ? (short) BE_SHORT.get(buf, pos) : (short) LE_SHORT.get(buf, pos);
        pos += 2;
        return v;
    }

    public int readUint16() {
        return readInt16() & 0xFFFF;
    }

    public int readInt32() {
        if (!need(4, 4)) {
            return 0;
        }
        int v = bigEndian ? (int) BE_INT.get(buf, pos) : (int) LE_INT.get(buf, pos);
        pos += 4;
        return v;
    }

    public long readUint32() {
        return readInt32() & 0xFFFF_FFFFL;
    }

    public long readInt64() {
        if (!need(8, 8)) {
            return 0;
        }
        long v = bigEndian ? (long) BE_LONG.get(buf, pos) : (long) LE_LONG.get(buf, pos);
        pos += 8;
        return v;
    }

    public float readFloat32() {
        return Float.intBitsToFloat(readInt32());
    }

    public double readFloat64() {
        return Double.longBitsToDouble(readInt64());
    }

    /**
     * Reads a sequence count and checks that {@code count} elements of at least {@code minElementBytes} each
     * (after aligning the first to {@code elementAlignment}) fit in what is left.
     *
     * @return the count, or -1 with {@link SampleFault#LENGTH_EXCEEDS_PAYLOAD} / {@link SampleFault#TRUNCATED}
     */
    public int readCount(int elementAlignment, int minElementBytes) {
        long count = readUint32();
        if (fault != SampleFault.NONE) {
            return -1;
        }
        if (count == 0) {
            return 0;
        }
        int first = origin + ((pos - origin + elementAlignment - 1) & -elementAlignment);
        long left = first > limit ? 0 : limit - first;
        if (count > Integer.MAX_VALUE || count * Math.max(1, minElementBytes) > left) {
            fail(SampleFault.LENGTH_EXCEEDS_PAYLOAD);
            return -1;
        }
        return (int) count;
    }

    /**
     * Reads a sequence count whose elements will be stored in a preallocated array of {@code capacity}.
     *
     * @return the count, or -1 (fault recorded, {@link SampleFault#CAPACITY_EXCEEDED} when it merely does not fit)
     */
    public int readCount(int elementAlignment, int minElementBytes, int capacity) {
        int count = readCount(elementAlignment, minElementBytes);
        if (count > capacity) {
            fail(SampleFault.CAPACITY_EXCEEDED);
            return -1;
        }
        return count;
    }

    /** Reads a CDR string (uint32 length counting the NUL, bytes, NUL) into {@code dst}. */
    public boolean readString(RosString dst) {
        long n = readUint32();
        if (fault != SampleFault.NONE) {
            return false;
        }
        if (n == 0) { // some writers encode "" as length 0 without the NUL
            dst.clear();
            return true;
        }
        if (n > limit - pos) {
            fail(SampleFault.LENGTH_EXCEEDS_PAYLOAD);
            return false;
        }
        int len = (int) n - 1;
        if (buf[pos + len] != 0) {
            fail(SampleFault.STRING_NOT_TERMINATED);
            return false;
        }
        if (len > dst.capacity()) {
            fail(SampleFault.CAPACITY_EXCEEDED);
            return false;
        }
        System.arraycopy(buf, pos, dst.bytes(), 0, len);
        dst.setLength(len);
        pos += (int) n;
        return true;
    }

    /** Skips a CDR string, checking its length and terminator. */
    public boolean skipString() {
        long n = readUint32();
        if (fault != SampleFault.NONE) {
            return false;
        }
        if (n == 0) {
            return true;
        }
        if (n > limit - pos) {
            fail(SampleFault.LENGTH_EXCEEDS_PAYLOAD);
            return false;
        }
        if (buf[pos + (int) n - 1] != 0) {
            fail(SampleFault.STRING_NOT_TERMINATED);
            return false;
        }
        pos += (int) n;
        return true;
    }

    public void readFloat64s(double[] dst, int count) {
        if (count == 0 || !need(8, 8 * count)) {
            return;
        }
        if (bigEndian) {
            for (int i = 0; i < count; i++, pos += 8) {
                dst[i] = Double.longBitsToDouble((long) BE_LONG.get(buf, pos));
            }
        } else {
            for (int i = 0; i < count; i++, pos += 8) {
                dst[i] = Double.longBitsToDouble((long) LE_LONG.get(buf, pos));
            }
        }
    }

    public void readFloat32s(float[] dst, int count) {
        if (count == 0 || !need(4, 4 * count)) {
            return;
        }
        for (int i = 0; i < count; i++, pos += 4) {
            dst[i] = Float.intBitsToFloat(bigEndian ? (int) BE_INT.get(buf, pos) : (int) LE_INT.get(buf, pos));
        }
    }

    public void readBytes(byte[] dst, int offset, int count) {
        if (count == 0 || !need(1, count)) {
            return;
        }
        System.arraycopy(buf, pos, dst, offset, count);
        pos += count;
    }
}
