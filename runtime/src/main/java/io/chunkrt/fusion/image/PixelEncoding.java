package io.chunkrt.fusion.image;

/**
 * Raw pixel layouts a camera stream accepts, as sensor_msgs/Image names them. 16-bit encodings are held
 * little-endian in the stream's slots (the ingest swaps big-endian rows), so readers need no byte-order flag.
 */
public enum PixelEncoding {
    RGB8("rgb8", 3, 1, 0, 1, 2),
    BGR8("bgr8", 3, 1, 2, 1, 0),
    RGBA8("rgba8", 4, 1, 0, 1, 2),
    BGRA8("bgra8", 4, 1, 2, 1, 0),
    MONO8("mono8", 1, 1, 0, 0, 0),
    MONO16("mono16", 1, 2, 0, 0, 0),
    /** 16UC1: depth in millimetres from most RGB-D drivers; read like mono16. */
    DEPTH16("16UC1", 1, 2, 0, 0, 0);

    private static final PixelEncoding[] VALUES = values();

    private final String rosName;
    private final int samplesPerPixel;
    private final int bytesPerSample;
    private final int redOffset;
    private final int greenOffset;
    private final int blueOffset;

    PixelEncoding(String rosName, int samplesPerPixel, int bytesPerSample, int redOffset, int greenOffset, int blueOffset) {
        this.rosName = rosName;
        this.samplesPerPixel = samplesPerPixel;
        this.bytesPerSample = bytesPerSample;
        this.redOffset = redOffset;
        this.greenOffset = greenOffset;
        this.blueOffset = blueOffset;
    }

    /** The sensor_msgs/Image encoding string. */
    public String rosName() {
        return rosName;
    }

    public int bytesPerPixel() {
        return samplesPerPixel * bytesPerSample;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }

    /** 3 for color encodings (alpha is ignored), 1 for mono and depth. */
    public int colorChannels() {
        return samplesPerPixel == 1 ? 1 : 3;
    }

    /** Largest sample value: 255 or 65535. */
    public int maxValue() {
        return bytesPerSample == 1 ? 255 : 65535;
    }

    /**
     * Byte offset within a pixel of red (0), green (1) or blue (2); mono encodings answer 0 for each, so a
     * 3-channel network sees the gray value replicated, as PIL's {@code convert("RGB")} does.
     */
    public int channelOffset(int rgbIndex) {
        return switch (rgbIndex) {
            case 0 -> redOffset;
            case 1 -> greenOffset;
            case 2 -> blueOffset;
            default -> throw new IllegalArgumentException("rgb index is " + rgbIndex + "; expected 0 (red), 1 (green) or 2 (blue)");
        };
    }

    /**
     * The encoding with this sensor_msgs/Image name (8UC1 reads as mono8), or null when it is not supported;
     * no allocation, so a receive thread may call it per message.
     */
    public static PixelEncoding fromRosName(String name) {
        for (PixelEncoding e : VALUES) {
            if (e.rosName.equals(name)) {
                return e;
            }
        }
        return "8UC1".equals(name) ? MONO8 : null;
    }
}
