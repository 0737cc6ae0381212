package io.chunkrt.ros.params;

import io.chunkrt.ros.msg.CompressedImageCodec;
import io.chunkrt.ros.msg.ImageCodec;
import io.chunkrt.ros.msg.PixelEncoding;
import io.chunkrt.ros.msg.RosMessageType;

/**
 * One camera the policy sees.
 *
 * @param name      the camera name the policy card uses (an image input's {@code camera})
 * @param topic     sensor_msgs/Image (raw) or sensor_msgs/CompressedImage (compressed) topic
 * @param encoding  the expected Image encoding (raw)
 * @param format    the expected CompressedImage format, e.g. jpeg (compressed)
 * @param width     frame width in pixels, for preallocating the receive buffer
 * @param height    frame height in pixels
 * @param staleAfterNs frames received longer ago than this keep the policy from running (fusion's staleness)
 */
public record CameraInput(String name, String topic, Transport transport, PixelEncoding encoding, String format, int width, int height,
                          long staleAfterNs) {
    /** Message headers and strings that travel with the pixels. */
    private static final int OVERHEAD_BYTES = 4096;

    public enum Transport { RAW, COMPRESSED }

    public RosMessageType type() {
        return transport == Transport.RAW ? ImageCodec.TYPE : CompressedImageCodec.TYPE;
    }

    /** Largest frame to expect: raw pixels, or for compressed frames the raw size (a codec never needs more). */
    public int maxPixelBytes() {
        int bpp = transport == Transport.RAW ? encoding.bytesPerPixel() : 3;
        return Math.multiplyExact(Math.multiplyExact(width, height), bpp);
    }

    /** Receive buffer size for the subscription. */
    public int maxSampleBytes() {
        return Math.addExact(maxPixelBytes(), OVERHEAD_BYTES);
    }
}
