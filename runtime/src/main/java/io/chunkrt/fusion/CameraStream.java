package io.chunkrt.fusion;

import io.chunkrt.fusion.image.PixelEncoding;
import java.nio.ByteBuffer;

/**
 * Frames of one camera (sensor_msgs/Image or CompressedImage) at a fixed size. Each ring slot holds a frame as
 * tight rows (the message's row padding is dropped, 16-bit samples stored little-endian) and its encoding; the
 * {@link FrameAssembler} preprocesses straight from the slot. Raw messages are copied without allocation;
 * compressed ones are decoded on the calling thread (see {@link CompressedFrameDecoder}), so call
 * {@link #offerCompressed} from a thread that may allocate and take milliseconds, never the control thread.
 */
public final class CameraStream implements ObservationStream {
    private final String name;
    private final StreamSettings settings;
    private final int width;
    private final int height;
    final SampleRing ring;
    final byte[][] pixels;
    final PixelEncoding[] encodings;
    private CompressedFrameDecoder decoder;
    private byte[] staging;

    CameraStream(String name, int width, int height, StreamSettings settings) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("camera '" + name + "' size is " + width + "x" + height + "; expected positive width and height");
        }
        this.name = name;
        this.settings = settings;
        this.width = width;
        this.height = height;
        this.ring = new SampleRing(name, settings);
        this.pixels = new byte[settings.depth()][width * height * 4];
        this.encodings = new PixelEncoding[settings.depth()];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public StreamSettings settings() {
        return settings;
    }

    @Override
    public IngestCounters counters() {
        return ring.counters;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    @Override
    public IngestStatus reject(IngestStatus reason) {
        return ring.reject(reason);
    }

    /**
     * Offers a raw image whose bytes are {@code data[offset, offset + length)}, read during the call only.
     *
     * @param encoding  null when the message's encoding name is not supported ({@link PixelEncoding#fromRosName})
     * @param stepBytes bytes per row in the message (at least width x bytes per pixel)
     * @param bigEndian the message's is_bigendian (matters for 16-bit encodings)
     */
    public IngestStatus offer(long stampNs, long receiveNs, PixelEncoding encoding, int width, int height, int stepBytes, boolean bigEndian,
            byte[] data, int offset, int length) {
        IngestStatus check = check(encoding, width, height, stepBytes, length);
        if (check != IngestStatus.ACCEPTED) {
            return ring.reject(check);
        }
        return store(stampNs, receiveNs, encoding, stepBytes, bigEndian, data, null, offset);
    }

    /** As the byte-array {@code offer}, reading {@code data} from its position to its limit without moving them. */
    public IngestStatus offer(long stampNs, long receiveNs, PixelEncoding encoding, int width, int height, int stepBytes, boolean bigEndian,
            ByteBuffer data) {
        IngestStatus check = check(encoding, width, height, stepBytes, data.remaining());
        if (check != IngestStatus.ACCEPTED) {
            return ring.reject(check);
        }
        return store(stampNs, receiveNs, encoding, stepBytes, bigEndian, null, data, data.position());
    }

    /** Offers a JPEG or PNG image (the format is read from the data's signature), decoding it on this thread. */
    public IngestStatus offerCompressed(long stampNs, long receiveNs, byte[] data, int offset, int length) {
        CompressedFrameDecoder d = decoder();
        IngestStatus decoded = d.decode(data, offset, length);
        if (decoded != IngestStatus.ACCEPTED) {
            return ring.reject(decoded);
        }
        PixelEncoding e = d.encoding();
        return store(stampNs, receiveNs, e, width * e.bytesPerPixel(), false, d.pixels(), null, 0);
    }

    /** As the byte-array {@code offerCompressed}, reading {@code data} from its position to its limit. */
    public IngestStatus offerCompressed(long stampNs, long receiveNs, ByteBuffer data) {
        decoder();
        int n = data.remaining();
        if (n > staging.length) {
            return ring.reject(IngestStatus.OVERSIZED);
        }
        data.get(data.position(), staging, 0, n);
        return offerCompressed(stampNs, receiveNs, staging, 0, n);
    }

    private CompressedFrameDecoder decoder() {
        if (decoder == null) {
            // first compressed message: build the decoder on the producer thread that will use it
            decoder = new CompressedFrameDecoder(width, height);
            staging = new byte[width * height * 4 + 65536];
        }
        return decoder;
    }

    private IngestStatus check(PixelEncoding encoding, int w, int h, int stepBytes, int length) {
        if (encoding == null) {
            return IngestStatus.UNSUPPORTED_ENCODING;
        }
        if (w != width || h != height) {
            return IngestStatus.WRONG_SIZE;
        }
        if (stepBytes < w * encoding.bytesPerPixel()) {
            return IngestStatus.BAD_STEP;
        }
        if ((long) stepBytes * h > length) {
            return IngestStatus.SHORT_DATA;
        }
        return IngestStatus.ACCEPTED;
    }

    private IngestStatus store(long stampNs, long receiveNs, PixelEncoding encoding, int stepBytes, boolean bigEndian, byte[] array,
            ByteBuffer buffer, int offset) {
        IngestStatus time = ring.admit(stampNs, receiveNs);
        if (time != IngestStatus.ACCEPTED) {
            return ring.reject(time);
        }
        int slot = ring.claim();
        if (slot < 0) {
            return ring.reject(IngestStatus.RING_FULL);
        }
        byte[] dst = pixels[slot];
        int rowBytes = width * encoding.bytesPerPixel();
        boolean swap = bigEndian && encoding.bytesPerSample() == 2;
        for (int y = 0; y < height; y++) {
            int from = offset + y * stepBytes;
            int to = y * rowBytes;
            if (array != null) {
                System.arraycopy(array, from, dst, to, rowBytes);
            } else {
                buffer.get(from, dst, to, rowBytes);
            }
            if (swap) {
                for (int i = to; i < to + rowBytes; i += 2) {
                    byte hi = dst[i];
                    dst[i] = dst[i + 1];
                    dst[i + 1] = hi;
                }
            }
        }
        encodings[slot] = encoding;
        ring.publish(slot);
        return IngestStatus.ACCEPTED;
    }
}
