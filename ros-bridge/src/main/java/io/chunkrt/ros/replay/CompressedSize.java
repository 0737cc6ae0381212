package io.chunkrt.ros.replay;

/** The pixel size of a JPEG (from its SOF marker) or PNG (from IHDR), read from the header bytes without decoding. */
final class CompressedSize {
    private CompressedSize() {}

    /** {width, height}, or {0, 0} when the data is neither a JPEG nor a PNG whose size can be read. */
    static int[] of(byte[] d, int length) {
        if (length >= 24 && (d[0] & 0xFF) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G' && d[12] == 'I' && d[13] == 'H' && d[14] == 'D'
                && d[15] == 'R') {
            return new int[] {be32(d, 16), be32(d, 20)};
        }
        if (length < 4 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0xD8) {
            return new int[] {0, 0};
        }
        int i = 2;
        while (i + 9 < length) {
            if ((d[i] & 0xFF) != 0xFF) {
                i++;
                continue;
            }
            int marker = d[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            int segment = ((d[i + 2] & 0xFF) << 8) | (d[i + 3] & 0xFF);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                int height = ((d[i + 5] & 0xFF) << 8) | (d[i + 6] & 0xFF);
                int width = ((d[i + 7] & 0xFF) << 8) | (d[i + 8] & 0xFF);
                return new int[] {width, height};
            }
            i += 2 + segment;
        }
        return new int[] {0, 0};
    }

    private static int be32(byte[] d, int at) {
        return ((d[at] & 0xFF) << 24) | ((d[at + 1] & 0xFF) << 16) | ((d[at + 2] & 0xFF) << 8) | (d[at + 3] & 0xFF);
    }
}
