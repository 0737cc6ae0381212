package io.chunkrt.tensorfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {
    @TempDir
    Path dir;

    /** numpy.save's layout: preamble, dict, growth spaces, spaces to a 64-byte boundary, '\n', data. */
    private static byte[] numpyLayout(String dict, int growthSpaces, int headerLength, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) headerLength, 0});
        String header = dict + " ".repeat(growthSpaces);
        header += " ".repeat(headerLength - header.length() - 1) + "\n";
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        return out.toByteArray();
    }

    @Test
    void writesTheBytesNumpySaveWritesForATwoByThreeArray() {
        float[] values = {0f, 1f, 2f, 3f, 4f, 5f};
        // np.save(f, np.arange(6, dtype=np.float32).reshape(2, 3)) writes a 118-byte header (128 with the preamble).
        byte[] expected = numpyLayout("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 20, 118,
                NpyReaderTest.floats(ByteOrder.LITTLE_ENDIAN, values));

        assertArrayEquals(expected, NpyWriter.encode(values, 2, 3));
    }

    @Test
    void writesOneDimensionalShapeWithTrailingCommaAndScalarWithoutGrowthSpace() {
        byte[] vector = numpyLayout("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", 20, 118,
                NpyReaderTest.floats(ByteOrder.LITTLE_ENDIAN, 1f, 2f, 3f));
        byte[] scalar = numpyLayout("{'descr': '<f4', 'fortran_order': False, 'shape': (), }", 0, 118,
                NpyReaderTest.floats(ByteOrder.LITTLE_ENDIAN, 1.5f));

        assertArrayEquals(vector, NpyWriter.encode(new float[] {1f, 2f, 3f}, 3));
        assertArrayEquals(scalar, NpyWriter.encode(new float[] {1.5f}));
    }

    @Test
    void padsAFullSixtyFourBytesWhenTheHeaderEndsOnABoundary() {
        long[] shape = {0, 1, 1, 1, 10, 10, 10, 10, 10, 10, 10, 10};
        // numpy pads 64 spaces rather than none here: its header is 182 bytes, the data starts at byte 192.
        byte[] expected = numpyLayout("{'descr': '<f4', 'fortran_order': False, 'shape': "
                + "(0, 1, 1, 1, 10, 10, 10, 10, 10, 10, 10, 10), }", 20, 182, new byte[0]);

        assertArrayEquals(expected, NpyWriter.encode(new float[0], shape));
    }

    @Test
    void startsTheDataOnASixtyFourByteBoundaryForManyShapes() {
        for (long[] shape : List.of(new long[] {7}, new long[] {1, 35}, new long[] {12345678, 0},
                new long[] {2, 2, 2, 2, 2, 2, 2})) {
            long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            byte[] bytes = NpyWriter.encode(new float[(int) count], shape);
            int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();

            assertEquals(0, (10 + headerLength) % 64, Arrays.toString(shape));
            assertEquals('\n', bytes[10 + headerLength - 1]);
        }
    }

    @Test
    void roundTripsThroughTheReader() throws IOException {
        float[] values = {Float.MIN_VALUE, -0f, Float.MAX_VALUE, 0.1f, Float.NaN, Float.NEGATIVE_INFINITY};
        Path file = dir.resolve("out.npy");

        NpyWriter.write(file, values, 3, 2);
        NpyArray read = NpyReader.read(file);

        assertArrayEquals(new long[] {3, 2}, read.shape());
        assertArrayEquals(values, read.toFloatArray());
        assertEquals(NpyArray.ofFloats(values, 3, 2), read);
        assertFalse(Files.size(file) % 4 != 0);
    }

    @Test
    void rejectsShapeThatDoesNotHoldTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NpyWriter.encode(new float[5], 2, 3));

        assertEquals("npy shape [2, 3] holds 6 values but 5 were given", e.getMessage());
    }

    @Test
    void rewritesNumpyWrittenFloat32FilesByteForByte() throws IOException {
        Path golden = TestData.folderOrSkip("golden/onnx_io");
        List<Path> files;
        try (Stream<Path> listing = Files.list(golden)) {
            files = listing.filter(path -> path.toString().endsWith(".npy")).sorted().toList();
        }
        int compared = 0;
        for (Path file : files) {
            NpyArray array = NpyReader.read(file);
            if (array.dtype() == NpyDtype.FLOAT32) {
                assertArrayEquals(Files.readAllBytes(file), NpyWriter.encode(array.toFloatArray(), array.shape()),
                        file.toString());
                compared++;
            }
        }
        assertFalse(compared == 0, "no float32 .npy files in " + golden);
    }
}
