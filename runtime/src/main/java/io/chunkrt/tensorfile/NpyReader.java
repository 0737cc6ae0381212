package io.chunkrt.tensorfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads numpy .npy files, format versions 1.0, 2.0 and 3.0, little- or big-endian, C order. The whole file is read
 * at once: these files hold test vectors and injected noise, not weights.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private NpyReader() {
    }

    public static NpyArray read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TensorFileException("cannot read npy file '" + file + "': " + e, e);
        }
        return decode(bytes, file.toString());
    }

    /** Decodes the bytes of a whole .npy file; {@code fileLabel} names it in errors. */
    public static NpyArray decode(byte[] bytes, String fileLabel) {
        if (bytes.length < MAGIC.length + 2 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new TensorFileException("npy file '" + fileLabel + "' does not start with the .npy magic \\x93NUMPY"
                    + " (" + bytes.length + " bytes in all); it is not a .npy file, save arrays with numpy.save");
        }
        int major = bytes[6];
        int minor = bytes[7];
        if (major < 1 || major > 3) {
            throw new TensorFileException("npy file '" + fileLabel + "' has format version " + major + "." + minor
                    + "; supported are 1.0, 2.0 and 3.0");
        }
        // Version 1.0 stores the header length in 2 bytes, later versions in 4.
        int lengthBytes = major == 1 ? 2 : 4;
        int preamble = MAGIC.length + 2 + lengthBytes;
        if (bytes.length < preamble) {
            throw truncated(fileLabel, "is " + bytes.length + " bytes, shorter than its " + preamble
                    + "-byte preamble");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).position(MAGIC.length + 2);
        long headerLength = major == 1 ? Short.toUnsignedInt(in.getShort()) : Integer.toUnsignedLong(in.getInt());
        long afterPreamble = bytes.length - preamble;
        if (headerLength > afterPreamble) {
            throw truncated(fileLabel, "declares a " + headerLength + "-byte header but only " + afterPreamble
                    + " bytes follow its " + preamble + "-byte preamble");
        }
        String headerText = new String(bytes, preamble, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader header = NpyHeader.parse(headerText, fileLabel);
        if (header.fortranOrder()) {
            throw new TensorFileException("npy file '" + fileLabel + "' is stored in Fortran order"
                    + " (fortran_order: True); only C order is supported, re-save it with"
                    + " numpy.save(path, numpy.ascontiguousarray(a))");
        }
        int dataStart = preamble + (int) headerLength;
        long presentBytes = bytes.length - dataStart;
        long expectedBytes = expectedDataBytes(header, fileLabel);
        if (presentBytes != expectedBytes) {
            String problem = presentBytes < expectedBytes ? "; the file is truncated" : "; the file has trailing bytes";
            throw new TensorFileException("npy file '" + fileLabel + "' has shape " + Arrays.toString(header.shape())
                    + " of " + header.dtype().typeCode() + " needing " + expectedBytes + " data bytes but "
                    + presentBytes + " are present" + problem);
        }
        byte[] data = Arrays.copyOfRange(bytes, dataStart, bytes.length);
        if (header.byteOrder() == ByteOrder.BIG_ENDIAN) {
            reverseEachItem(data, header.dtype().itemSize());
        }
        return new NpyArray(header.dtype(), header.shape(), data);
    }

    private static long expectedDataBytes(NpyHeader header, String fileLabel) {
        try {
            long count = 1;
            for (long dim : header.shape()) {
                count = Math.multiplyExact(count, dim);
            }
            return Math.multiplyExact(count, header.dtype().itemSize());
        } catch (ArithmeticException e) {
            throw new TensorFileException("npy file '" + fileLabel + "' has shape " + Arrays.toString(header.shape())
                    + " whose size overflows 64 bits; the header is corrupt");
        }
    }

    private static void reverseEachItem(byte[] data, int itemSize) {
        for (int start = 0; start < data.length; start += itemSize) {
            for (int i = start, j = start + itemSize - 1; i < j; i++, j--) {
                byte swap = data[i];
                data[i] = data[j];
                data[j] = swap;
            }
        }
    }

    private static TensorFileException truncated(String fileLabel, String problem) {
        return new TensorFileException("npy file '" + fileLabel + "' " + problem + "; the file is truncated");
    }
}
