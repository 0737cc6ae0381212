package io.chunkrt.fusion;

import javax.imageio.stream.ImageInputStreamImpl;

/** An ImageIO input over a byte-array region, reset for each message instead of allocated. */
final class ByteRegionImageInputStream extends ImageInputStreamImpl {
    private byte[] data = new byte[0];
    private int start;
    private int length;

    void reset(byte[] data, int offset, int length) {
        this.data = data;
        this.start = offset;
        this.length = length;
        this.streamPos = 0;
        this.flushedPos = 0;
        this.bitOffset = 0;
    }

    @Override
    public int read() {
        bitOffset = 0;
        if (streamPos >= length) {
            return -1;
        }
        return data[start + (int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - streamPos);
        System.arraycopy(data, start + (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return length;
    }
}
