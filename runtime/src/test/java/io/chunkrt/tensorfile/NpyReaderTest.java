package io.chunkrt.tensorfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyReaderTest {
    @TempDir
    Path dir;

    /** A .npy file laid out by hand: magic, version, header length (2 bytes for 1.x, 4 after), header, data. */
    static byte[] npy(int major, String header, byte[] data) {
        byte[] text = header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteBuffer preamble = ByteBuffer.allocate(major == 1 ? 10 : 12).order(ByteOrder.LITTLE_ENDIAN);
        preamble.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            preamble.putShort((short) text.length);
        } else {
            preamble.putInt(text.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(preamble.array());
        out.writeBytes(text);
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] floats(ByteOrder order, float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(order);
        for (float value : values) {
            bytes.putFloat(value);
        }
        return bytes.array();
    }

    private static String header(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }     \n";
    }

    @Test
    void readsLittleEndianFloat32Version1() {
        NpyArray array = NpyReader.decode(npy(1, header("<f4", "(2, 3)"),
                floats(ByteOrder.LITTLE_ENDIAN, 0f, 1f, 2f, 3f, 4f, -5.5f)), "a.npy");

        assertEquals(NpyDtype.FLOAT32, array.dtype());
        assertArrayEquals(new long[] {2, 3}, array.shape());
        assertArrayEquals(new float[] {0f, 1f, 2f, 3f, 4f, -5.5f}, array.toFloatArray());
    }

    @Test
    void readsBigEndianFloat64AndConvertsToFloat() {
        ByteBuffer data = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN)
                .putDouble(0.5).putDouble(-2).putDouble(0.1);

        NpyArray array = NpyReader.decode(npy(1, header(">f8", "(3,)"), data.array()), "be.npy");

        assertEquals(NpyDtype.FLOAT64, array.dtype());
        assertArrayEquals(new float[] {0.5f, -2f, 0.1f}, array.toFloatArray());
    }

    @Test
    void readsBigEndianFloat32() {
        NpyArray array = NpyReader.decode(npy(1, header(">f4", "(2,)"),
                floats(ByteOrder.BIG_ENDIAN, 1.25f, -3f)), "be4.npy");

        assertArrayEquals(new float[] {1.25f, -3f}, array.toFloatArray());
    }

    @Test
    void readsVersion2HeaderWithFourByteLength() {
        NpyArray array = NpyReader.decode(npy(2, header("<f4", "(1,)"), floats(ByteOrder.LITTLE_ENDIAN, 9f)), "v2.npy");

        assertArrayEquals(new float[] {9f}, array.toFloatArray());
    }

    @Test
    void readsVersion3HeaderAsUtf8() {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'note': 'µ→', }\n";

        NpyArray array = NpyReader.decode(npy(3, header, floats(ByteOrder.LITTLE_ENDIAN, 2f)), "v3.npy");

        assertArrayEquals(new float[] {2f}, array.toFloatArray());
    }

    @Test
    void readsScalarWithEmptyShape() {
        NpyArray array = NpyReader.decode(npy(1, header("<f4", "()"), floats(ByteOrder.LITTLE_ENDIAN, 1.5f)), "s.npy");

        assertArrayEquals(new long[0], array.shape());
        assertEquals(1, array.elementCount());
        assertArrayEquals(new float[] {1.5f}, array.toFloatArray());
    }

    @Test
    void readsEmptyArrayWithAZeroDimension() {
        NpyArray array = NpyReader.decode(npy(1, header("<f4", "(0, 4)"), new byte[0]), "e.npy");

        assertArrayEquals(new long[] {0, 4}, array.shape());
        assertEquals(0, array.toFloatArray().length);
    }

    @Test
    void convertsIntegerHalfAndBoolArraysToFloat() {
        ByteBuffer int64 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(42).putLong(-7);
        ByteBuffer int32 = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(-3).putInt(100000);
        ByteBuffer half = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putShort(Float.floatToFloat16(0.5f)).putShort(Float.floatToFloat16(-2f));
        ByteBuffer uint64 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L);

        assertArrayEquals(new float[] {42f, -7f},
                NpyReader.decode(npy(1, header("<i8", "(2,)"), int64.array()), "i8").toFloatArray());
        assertArrayEquals(new float[] {-3f, 100000f},
                NpyReader.decode(npy(1, header(">i4", "(2,)"), int32.array()), "i4").toFloatArray());
        assertArrayEquals(new float[] {0.5f, -2f},
                NpyReader.decode(npy(1, header("<f2", "(2,)"), half.array()), "f2").toFloatArray());
        assertArrayEquals(new float[] {255f, 0f},
                NpyReader.decode(npy(1, header("|u1", "(2,)"), new byte[] {(byte) 255, 0}), "u1").toFloatArray());
        assertArrayEquals(new float[] {1f, 0f},
                NpyReader.decode(npy(1, header("|b1", "(2,)"), new byte[] {1, 0}), "b1").toFloatArray());
        assertArrayEquals(new float[] {1.8446744e19f},
                NpyReader.decode(npy(1, header("<u8", "(1,)"), uint64.array()), "u8").toFloatArray());
    }

    @Test
    void rejectsFortranOrderWithTheFix() {
        String header = "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }\n";

        TensorFileException e = assertThrows(TensorFileException.class,
                () -> NpyReader.decode(npy(1, header, new byte[24]), "f.npy"));

        assertEquals("npy file 'f.npy' is stored in Fortran order (fortran_order: True); only C order is supported,"
                + " re-save it with numpy.save(path, numpy.ascontiguousarray(a))", e.getMessage());
    }

    @Test
    void rejectsHeaderLongerThanFile() {
        byte[] whole = npy(1, header("<f4", "(2,)"), new byte[8]);

        TensorFileException e = assertThrows(TensorFileException.class,
                () -> NpyReader.decode(Arrays.copyOf(whole, 30), "cut.npy"));

        int headerLength = header("<f4", "(2,)").length();
        assertEquals("npy file 'cut.npy' declares a " + headerLength + "-byte header but only 20 bytes follow its"
                + " 10-byte preamble; the file is truncated", e.getMessage());
    }

    @Test
    void rejectsTruncatedDataNamingFileAndByteCounts() throws Exception {
        byte[] whole = npy(1, header("<f4", "(2, 3)"), new byte[24]);
        Path file = Files.write(dir.resolve("short.npy"), Arrays.copyOf(whole, whole.length - 4));

        TensorFileException e = assertThrows(TensorFileException.class, () -> NpyReader.read(file));

        assertEquals("npy file '" + file + "' has shape [2, 3] of f4 needing 24 data bytes but 20 are present;"
                + " the file is truncated", e.getMessage());
    }

    @Test
    void rejectsTrailingBytesAfterTheData() {
        TensorFileException e = assertThrows(TensorFileException.class,
                () -> NpyReader.decode(npy(1, header("<f4", "(1,)"), new byte[6]), "long.npy"));

        assertEquals("npy file 'long.npy' has shape [1] of f4 needing 4 data bytes but 6 are present;"
                + " the file has trailing bytes", e.getMessage());
    }

    @Test
    void rejectsFileWithoutTheMagic() {
        TensorFileException e = assertThrows(TensorFileException.class,
                () -> NpyReader.decode("PK\u0003\u0004 zip archive".getBytes(StandardCharsets.ISO_8859_1), "x.npz"));

        assertEquals("npy file 'x.npz' does not start with the .npy magic \\x93NUMPY (16 bytes in all);"
                + " it is not a .npy file, save arrays with numpy.save", e.getMessage());
    }

    @Test
    void rejectsUnsupportedFormatVersion() {
        byte[] bytes = npy(1, header("<f4", "(1,)"), new byte[4]);
        bytes[6] = 4;

        TensorFileException e = assertThrows(TensorFileException.class, () -> NpyReader.decode(bytes, "v4.npy"));

        assertEquals("npy file 'v4.npy' has format version 4.0; supported are 1.0, 2.0 and 3.0", e.getMessage());
    }

    @Test
    void rejectsUnsupportedDtypeListingSupportedOnes() {
        TensorFileException e = assertThrows(TensorFileException.class,
                () -> NpyReader.decode(npy(1, header("<c8", "(1,)"), new byte[8]), "c.npy"));

        assertEquals("npy file 'c.npy' has dtype '<c8', which is not supported; supported are b1, i1, i2, i4, i8,"
                + " u1, u2, u4, u8, f2, f4 and f8 (convert with array.astype(numpy.float32))", e.getMessage());
    }

    @Test
    void rejectsStructuredDtype() {
        String header = "{'descr': [('x', '<f4'), ('y', '<f4')], 'fortran_order': False, 'shape': (1,), }\n";

        TensorFileException e = assertThrows(TensorFileException.class,
                () -> NpyReader.decode(npy(1, header, new byte[8]), "rec.npy"));

        assertTrue(e.getMessage().contains("structured dtypes are not supported"), e.getMessage());
    }

    @Test
    void rejectsMalformedHeaderNamingThePosition() {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3 }\n";

        TensorFileException e = assertThrows(TensorFileException.class,
                () -> NpyReader.decode(npy(1, header, new byte[24]), "m.npy"));

        assertEquals("npy file 'm.npy' has a malformed header " + header.strip() + ": expected ')' at character 56"
                + " but found '}'; re-save it with numpy.save", e.getMessage());
    }

    @Test
    void readsFilesFromDisk() throws Exception {
        byte[] bytes = npy(1, header("<f4", "(2,)"), floats(ByteOrder.LITTLE_ENDIAN, 1f, 2f));
        Path file = Files.write(dir.resolve("d.npy"), bytes);

        assertEquals(NpyArray.ofFloats(new float[] {1f, 2f}, 2), NpyReader.read(file));
    }

    @Test
    void rejectsMissingFileNamingIt() {
        Path file = dir.resolve("absent.npy");

        TensorFileException e = assertThrows(TensorFileException.class, () -> NpyReader.read(file));

        assertTrue(e.getMessage().startsWith("cannot read npy file '" + file + "'"), e.getMessage());
    }
}
