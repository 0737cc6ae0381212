package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.RosString;

/** sensor_msgs/CompressedImage as a reusable container: Header header, string format, uint8[] data. */
public final class CompressedImageMessage {
    public static final int FORMAT_BYTES = 64;

    public final Header header = new Header();
    /** e.g. "jpeg", "png", or image_transport's "rgb8; jpeg compressed bgr8". */
    public final RosString format = new RosString(FORMAT_BYTES);
    private final byte[] data;
    private int dataLength;

    public CompressedImageMessage(int maxDataBytes) {
        this.data = new byte[maxDataBytes];
    }

    public byte[] data() {
        return data;
    }

    public int dataLength() {
        return dataLength;
    }

    public int maxDataBytes() {
        return data.length;
    }

    public void setDataLength(int length) {
        if (length < 0 || length > data.length) {
            throw new IllegalArgumentException("compressed image buffer holds " + data.length + " bytes, not " + length);
        }
        this.dataLength = length;
    }
}
