package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.RosString;

/** The sensor_msgs/Image encodings a policy camera is likely to use (sensor_msgs/image_encodings.hpp names). */
public enum PixelEncoding {
    RGB8("rgb8", 3),
    BGR8("bgr8", 3),
    RGBA8("rgba8", 4),
    BGRA8("bgra8", 4),
    MONO8("mono8", 1),
    MONO16("mono16", 2),
    TYPE_8UC1("8UC1", 1),
    TYPE_8UC3("8UC3", 3),
    TYPE_16UC1("16UC1", 2),
    TYPE_32FC1("32FC1", 4),
    BAYER_RGGB8("bayer_rggb8", 1),
    BAYER_BGGR8("bayer_bggr8", 1),
    BAYER_GBRG8("bayer_gbrg8", 1),
    BAYER_GRBG8("bayer_grbg8", 1);

    private static final PixelEncoding[] ALL = values();

    private final String rosName;
    private final int bytesPerPixel;

    PixelEncoding(String rosName, int bytesPerPixel) {
        this.rosName = rosName;
        this.bytesPerPixel = bytesPerPixel;
    }

    /** The string in {@code Image.encoding}. */
    public String rosName() {
        return rosName;
    }

    public int bytesPerPixel() {
        return bytesPerPixel;
    }

    /** The encoding named by {@code encoding}, or null if it is not one of these; never allocates. */
    public static PixelEncoding of(RosString encoding) {
        for (PixelEncoding e : ALL) {
            if (encoding.contentEquals(e.rosName)) {
                return e;
            }
        }
        return null;
    }

    /** The encoding named {@code name}, or null. */
    public static PixelEncoding byName(String name) {
        for (PixelEncoding e : ALL) {
            if (e.rosName.equals(name)) {
                return e;
            }
        }
        return null;
    }
}
