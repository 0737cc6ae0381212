package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.RosString;

/**
 * sensor_msgs/Image as a reusable container: Header header, uint32 height, uint32 width, string encoding,
 * uint8 is_bigendian, uint32 step, uint8[] data. The pixel buffer is preallocated; decoding copies the
 * pixels into it without allocating.
 */
public final class ImageMessage {
    public static final int ENCODING_BYTES = 32;

    public final Header header = new Header();
    /** uint32 on the wire. */
    public long height;
    /** uint32 on the wire. */
    public long width;
    public final RosString encoding = new RosString(ENCODING_BYTES);
    /** uint8 on the wire (0 or 1 in practice). */
    public int isBigEndian;
    /** Full row length in bytes; uint32 on the wire. */
    public long step;
    private final byte[] data;
    private int dataLength;

    public ImageMessage(int maxDataBytes) {
        this.data = new byte[maxDataBytes];
    }

    /** Capacity needed for {@code width x height} pixels of {@code encoding}. */
    public static ImageMessage forCamera(int width, int height, PixelEncoding encoding) {
        return new ImageMessage(Math.multiplyExact(Math.multiplyExact(width, height), encoding.bytesPerPixel()));
    }

    /** The backing pixel array; valid up to {@link #dataLength()}. */
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
            throw new IllegalArgumentException("image buffer holds " + data.length + " bytes, not " + length);
        }
        this.dataLength = length;
    }

    /** The encoding as an enum, or null when it is not one {@link PixelEncoding} knows. */
    public PixelEncoding pixelEncoding() {
        return PixelEncoding.of(encoding);
    }
}
