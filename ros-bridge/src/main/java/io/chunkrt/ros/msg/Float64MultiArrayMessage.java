package io.chunkrt.ros.msg;

/**
 * std_msgs/Float64MultiArray: MultiArrayLayout layout (MultiArrayDimension[] dim, uint32 data_offset),
 * float64[] data. The command message of forward_command_controller; controllers ignore the layout.
 */
public final class Float64MultiArrayMessage {
    public static final int DEFAULT_LABEL_BYTES = 64;

    private final MultiArrayDimension[] dims;
    private int dimCount;
    /** uint32 on the wire. */
    public long dataOffset;
    private final double[] data;
    private int dataLength;

    public Float64MultiArrayMessage(int maxData, int maxDims) {
        this.data = new double[maxData];
        this.dims = new MultiArrayDimension[maxDims];
        for (int i = 0; i < maxDims; i++) {
            dims[i] = new MultiArrayDimension(DEFAULT_LABEL_BYTES);
        }
    }

    public int dimCount() {
        return dimCount;
    }

    public MultiArrayDimension dim(int i) {
        if (i >= dimCount) {
            throw new IndexOutOfBoundsException("dimension " + i + " of " + dimCount);
        }
        return dims[i];
    }

    /** Sets the number of dimensions in use; their fields keep whatever they held. */
    public void setDimCount(int count) {
        if (count < 0 || count > dims.length) {
            throw new IllegalArgumentException("layout has room for " + dims.length + " dimensions, not " + count);
        }
        this.dimCount = count;
    }

    MultiArrayDimension dimSlot(int i) {
        return dims[i];
    }

    int maxDims() {
        return dims.length;
    }

    public int dataLength() {
        return dataLength;
    }

    public int maxData() {
        return data.length;
    }

    /** The backing array; valid up to {@link #dataLength()}. Fill it and call {@link #setDataLength(int)}. */
    public double[] data() {
        return data;
    }

    public void setDataLength(int length) {
        if (length < 0 || length > data.length) {
            throw new IllegalArgumentException("data has room for " + data.length + " values, not " + length);
        }
        this.dataLength = length;
    }

    /**
     * Sets data[i] = {@code values[base + columns[i]]} for every i: one controller's joints picked, in the
     * controller's order, out of an action vector in the card's order. No allocation.
     */
    public void setSelected(double[] values, int base, int[] columns) {
        setDataLength(columns.length);
        for (int i = 0; i < columns.length; i++) {
            data[i] = values[base + columns[i]];
        }
    }

    /** Copies {@code values[0, count)} into data. */
    public void setData(double[] values, int count) {
        setDataLength(count);
        System.arraycopy(values, 0, data, 0, count);
    }
}
