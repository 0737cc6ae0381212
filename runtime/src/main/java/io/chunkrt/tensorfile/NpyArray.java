package io.chunkrt.tensorfile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An n-dimensional array as stored in a .npy file: element type, shape (C order) and the element bytes in
 * little-endian order whatever the file's byte order was.
 *
 * @param dtype element type
 * @param shape dimensions, outermost first; empty for a scalar
 * @param littleEndianData {@code elementCount() * dtype.itemSize()} bytes, little-endian; the array takes ownership
 */
public record NpyArray(NpyDtype dtype, long[] shape, byte[] littleEndianData) {

    public NpyArray {
        if (dtype == null || shape == null || littleEndianData == null) {
            throw new IllegalArgumentException("NpyArray needs a dtype, a shape and data; got null");
        }
        shape = shape.clone();
        long expectedBytes = Math.multiplyExact(elementCount(shape), dtype.itemSize());
        if (expectedBytes != littleEndianData.length) {
            throw new IllegalArgumentException("NpyArray of shape " + Arrays.toString(shape) + " and dtype " + dtype
                    + " needs " + expectedBytes + " data bytes but got " + littleEndianData.length);
        }
    }

    /** A float32 array holding a copy of {@code values}, whose length must be the product of {@code shape}. */
    public static NpyArray ofFloats(float[] values, long... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(values.length, Float.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return new NpyArray(NpyDtype.FLOAT32, shape, bytes.array());
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elementCount() {
        return elementCount(shape);
    }

    /** The elements converted to float: integers and float64 are rounded to the nearest float, booleans are 0 or 1. */
    public float[] toFloatArray() {
        int count = Math.toIntExact(elementCount());
        float[] out = new float[count];
        ByteBuffer in = ByteBuffer.wrap(littleEndianData).order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case FLOAT32 -> in.asFloatBuffer().get(out);
            case FLOAT64 -> { for (int i = 0; i < count; i++) out[i] = (float) in.getDouble(); }
            case FLOAT16 -> { for (int i = 0; i < count; i++) out[i] = Float.float16ToFloat(in.getShort()); }
            case BOOL, UINT8 -> { for (int i = 0; i < count; i++) out[i] = Byte.toUnsignedInt(in.get()); }
            case INT8 -> { for (int i = 0; i < count; i++) out[i] = in.get(); }
            case INT16 -> { for (int i = 0; i < count; i++) out[i] = in.getShort(); }
            case UINT16 -> { for (int i = 0; i < count; i++) out[i] = Short.toUnsignedInt(in.getShort()); }
            case INT32 -> { for (int i = 0; i < count; i++) out[i] = in.getInt(); }
            case UINT32 -> { for (int i = 0; i < count; i++) out[i] = Integer.toUnsignedLong(in.getInt()); }
            case INT64 -> { for (int i = 0; i < count; i++) out[i] = in.getLong(); }
            case UINT64 -> { for (int i = 0; i < count; i++) out[i] = unsignedToFloat(in.getLong()); }
        }
        return out;
    }

    private static float unsignedToFloat(long value) {
        // Halve with the lost bit kept as a sticky bit so that the float rounds as the exact value would.
        return value >= 0 ? value : (float) ((value >>> 1) | (value & 1)) * 2f;
    }

    private static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("NpyArray shape " + Arrays.toString(shape)
                        + " has a negative dimension");
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    // Arrays compare by content so that tests and callers can compare whole arrays.
    @Override
    public boolean equals(Object other) {
        return other instanceof NpyArray that && dtype == that.dtype && Arrays.equals(shape, that.shape)
                && Arrays.equals(littleEndianData, that.littleEndianData);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(littleEndianData);
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
