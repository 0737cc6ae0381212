package io.chunkrt.tensorfile;

import java.util.Arrays;

/**
 * One tensor's entry in a safetensors header.
 *
 * @param name the header key
 * @param dtype element type
 * @param shape dimensions, outermost first; empty for a scalar
 * @param dataBegin first byte, counted from the start of the data section
 * @param dataEnd one past the last byte, counted from the start of the data section
 */
public record SafetensorsTensor(String name, SafetensorsDtype dtype, long[] shape, long dataBegin, long dataEnd) {

    public SafetensorsTensor {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elementCount() {
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    public long byteLength() {
        return dataEnd - dataBegin;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SafetensorsTensor that && name.equals(that.name) && dtype == that.dtype
                && Arrays.equals(shape, that.shape) && dataBegin == that.dataBegin && dataEnd == that.dataEnd;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + " @[" + dataBegin + ", " + dataEnd + ")";
    }
}
