package io.chunkrt.tensorfile;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * The dict that starts a .npy file, e.g. {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}.
 *
 * @param dtype element type from {@code descr}
 * @param byteOrder byte order of the elements ({@code |} and {@code =} are read as little-endian)
 * @param fortranOrder whether the elements are stored column-major
 * @param shape dimensions from {@code shape}
 */
record NpyHeader(NpyDtype dtype, ByteOrder byteOrder, boolean fortranOrder, long[] shape) {

    /** Parses a header text; {@code fileLabel} names the file in errors. */
    static NpyHeader parse(String text, String fileLabel) {
        Object literal;
        try {
            literal = PythonLiteralParser.parse(text);
        } catch (IllegalArgumentException e) {
            throw malformed(fileLabel, text, e.getMessage());
        }
        if (!(literal instanceof Map<?, ?> dict)) {
            throw malformed(fileLabel, text, "it is not a dict");
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw malformed(fileLabel, text, "'descr' is missing or not a simple type string"
                    + " (structured dtypes are not supported)");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortranOrder)) {
            throw malformed(fileLabel, text, "'fortran_order' is missing or not True/False");
        }
        if (!(dict.get("shape") instanceof List<?> dims)) {
            throw malformed(fileLabel, text, "'shape' is missing or not a tuple");
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long dim) || dim < 0) {
                throw malformed(fileLabel, text, "'shape' entry " + i + " is " + dims.get(i)
                        + ", not a non-negative integer");
            }
            shape[i] = dim;
        }
        return new NpyHeader(dtypeOf(descr, fileLabel), byteOrderOf(descr), fortranOrder, shape);
    }

    private static NpyDtype dtypeOf(String descr, String fileLabel) {
        NpyDtype dtype = null;
        if (descr.length() >= 3 && "<>|=".indexOf(descr.charAt(0)) >= 0) {
            try {
                dtype = NpyDtype.fromCode(descr.charAt(1), Integer.parseInt(descr.substring(2)));
            } catch (NumberFormatException e) {
                dtype = null;
            }
        }
        if (dtype == null) {
            throw new TensorFileException("npy file '" + fileLabel + "' has dtype '" + descr
                    + "', which is not supported; supported are b1, i1, i2, i4, i8, u1, u2, u4, u8, f2, f4 and f8"
                    + " (convert with array.astype(numpy.float32))");
        }
        return dtype;
    }

    private static ByteOrder byteOrderOf(String descr) {
        return descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static TensorFileException malformed(String fileLabel, String text, String problem) {
        return new TensorFileException("npy file '" + fileLabel + "' has a malformed header " + text.strip()
                + ": " + problem + "; re-save it with numpy.save");
    }
}
