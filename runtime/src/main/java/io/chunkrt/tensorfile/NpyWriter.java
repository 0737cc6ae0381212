package io.chunkrt.tensorfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes float32 arrays as .npy version 1.0 files, byte for byte as {@code numpy.save} (numpy 1.24 and later) writes
 * a C-ordered little-endian float32 array, so that outputs diff cleanly against Python's.
 */
public final class NpyWriter {
    private static final int ALIGNMENT = 64;
    private static final int PREAMBLE = 10;
    // numpy leaves room after the header so that the first dimension can grow to 21 digits in place.
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    private NpyWriter() {
    }

    public static void write(Path file, float[] values, long... shape) {
        try {
            Files.write(file, encode(values, shape));
        } catch (IOException e) {
            throw new TensorFileException("cannot write npy file '" + file + "': " + e, e);
        }
    }

    /** The bytes of a .npy file holding {@code values} with {@code shape}, whose product must be their count. */
    public static byte[] encode(float[] values, long... shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("npy shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            count = Math.multiplyExact(count, dim);
        }
        if (count != values.length) {
            throw new IllegalArgumentException("npy shape " + Arrays.toString(shape) + " holds " + count
                    + " values but " + values.length + " were given");
        }
        byte[] header = header(shape);
        ByteBuffer out = ByteBuffer.allocate(PREAMBLE + header.length + values.length * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        out.putShort((short) header.length).put(header);
        out.asFloatBuffer().put(values);
        return out.array();
    }

    private static byte[] header(long[] shape) {
        StringBuilder text = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': ")
                .append(pythonTuple(shape)).append(", }");
        if (shape.length > 0) {
            text.repeat(' ', GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length());
        }
        // Pad with spaces and end with '\n' so the data starts on a 64-byte boundary; numpy pads a full 64 bytes
        // rather than none when the text already ends on a boundary.
        int padding = ALIGNMENT - (PREAMBLE + text.length() + 1) % ALIGNMENT;
        text.repeat(' ', padding).append('\n');
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String pythonTuple(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder tuple = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            tuple.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return tuple.append(')').toString();
    }
}
