package io.chunkrt.tensorfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTensorsByNameWithDtypeShapeAndValues() {
        Path file = new SafetensorsFileBuilder()
                .f32("observation.state.mean", new long[] {3}, 0.5f, -1.25f, 3f)
                .f32("observation.images.top.std", new long[] {3, 1, 1}, 0.25f, 0.5f, 0.75f)
                .writeTo(dir.resolve("stats.safetensors"));

        SafetensorsReader reader = SafetensorsReader.open(file);

        SafetensorsTensor tensor = reader.tensor("observation.images.top.std");
        assertEquals(SafetensorsDtype.F32, tensor.dtype());
        assertArrayEquals(new long[] {3, 1, 1}, tensor.shape());
        assertEquals(3, tensor.elementCount());
        assertArrayEquals(new float[] {0.5f, -1.25f, 3f}, reader.floats("observation.state.mean"));
        assertArrayEquals(new float[] {0.25f, 0.5f, 0.75f}, reader.floats("observation.images.top.std"));
    }

    @Test
    void listsNamesInHeaderOrderWithoutTheMetadataEntry() {
        Path file = new SafetensorsFileBuilder()
                .metadata("format", "pt")
                .f32("b", new long[] {1}, 1f)
                .f32("a", new long[] {1}, 2f)
                .writeTo(dir.resolve("m.safetensors"));

        SafetensorsReader reader = SafetensorsReader.open(file);

        assertEquals(List.of("b", "a"), List.copyOf(reader.names()));
        assertEquals(Map.of("format", "pt"), reader.metadata());
        assertTrue(reader.contains("a"));
    }

    @Test
    void convertsHalfBfloatAndDoubleTensorsToFloat() {
        Path file = new SafetensorsFileBuilder()
                .f16("half", new long[] {3}, 1.5f, -0.000061035156f, 65504f)
                .bf16("brain", new long[] {2}, -2.5f, 3.0e38f)
                .f64("double", new long[] {2}, 0.1, -1e-300)
                .writeTo(dir.resolve("mixed.safetensors"));

        SafetensorsReader reader = SafetensorsReader.open(file);

        assertArrayEquals(new float[] {1.5f, -0.000061035156f, 65504f}, reader.floats("half"));
        assertArrayEquals(new float[] {-2.5f, Float.intBitsToFloat(Float.floatToRawIntBits(3.0e38f) & 0xFFFF0000)},
                reader.floats("brain"));
        assertArrayEquals(new float[] {0.1f, -0f}, reader.floats("double"));
    }

    @Test
    void readsScalarTensorWithEmptyShapeAndEmptyTensor() {
        Path file = new SafetensorsFileBuilder()
                .f32("scalar", new long[] {}, 7f)
                .f32("empty", new long[] {0, 4})
                .writeTo(dir.resolve("edge.safetensors"));

        SafetensorsReader reader = SafetensorsReader.open(file);

        assertArrayEquals(new float[] {7f}, reader.floats("scalar"));
        assertArrayEquals(new float[0], reader.floats("empty"));
    }

    @Test
    void givesRawLittleEndianBytesOfIntegerTensors() {
        Path file = new SafetensorsFileBuilder().i64("steps", new long[] {2}, 42, -1).writeTo(dir.resolve("i.st"));

        ByteBuffer bytes = ByteBuffer.wrap(SafetensorsReader.open(file).rawBytes("steps"))
                .order(ByteOrder.LITTLE_ENDIAN);

        assertEquals(42, bytes.getLong());
        assertEquals(-1, bytes.getLong());
    }

    @Test
    void rejectsFloatsOfIntegerTensorNamingTheDtype() {
        Path file = new SafetensorsFileBuilder().i64("steps", new long[] {1}, 1).writeTo(dir.resolve("i.st"));

        TensorFileException e = assertThrows(TensorFileException.class,
                () -> SafetensorsReader.open(file).floats("steps"));

        assertEquals("safetensors file '" + file + "': tensor 'steps' is I64, which does not convert to float;"
                + " expected F32, F16, BF16 or F64", e.getMessage());
    }

    @Test
    void rejectsUnknownTensorNameListingTheKnownOnes() {
        Path file = new SafetensorsFileBuilder()
                .f32("action.mean", new long[] {1}, 1f)
                .f32("action.std", new long[] {1}, 1f)
                .writeTo(dir.resolve("s.safetensors"));

        TensorFileException e = assertThrows(TensorFileException.class,
                () -> SafetensorsReader.open(file).tensor("action.min"));

        assertEquals("safetensors file '" + file + "' has no tensor 'action.min'; it has action.mean, action.std",
                e.getMessage());
    }

    @Test
    void rejectsFileShorterThanTheLengthPrefix() throws IOException {
        Path file = Files.write(dir.resolve("short.safetensors"), new byte[5]);

        TensorFileException e = assertThrows(TensorFileException.class, () -> SafetensorsReader.open(file));

        assertEquals("safetensors file '" + file + "' is 5 bytes, shorter than the 8-byte header length;"
                + " it is truncated or not a safetensors file", e.getMessage());
    }

    @Test
    void rejectsHeaderLengthBeyondTheFileSize() throws IOException {
        byte[] whole = new SafetensorsFileBuilder().f32("x", new long[] {2}, 1f, 2f).bytes();
        long headerLength = ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Path file = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(whole, 20));

        TensorFileException e = assertThrows(TensorFileException.class, () -> SafetensorsReader.open(file));

        assertEquals("safetensors file '" + file + "' declares a " + headerLength + "-byte JSON header but only 12"
                + " bytes follow the 8-byte length; it is truncated or not a safetensors file", e.getMessage());
    }

    @Test
    void rejectsHeaderThatIsNotJson() throws IOException {
        Path file = Files.write(dir.resolve("bad.safetensors"), new SafetensorsFileBuilder().withHeader("{\"x\": ["));

        TensorFileException e = assertThrows(TensorFileException.class, () -> SafetensorsReader.open(file));

        assertTrue(e.getMessage().startsWith("safetensors file '" + file + "' has a header that is not valid JSON"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("; it is corrupt or not a safetensors file"), e.getMessage());
    }

    @Test
    void rejectsDataOffsetsBeyondTheDataSection() throws IOException {
        Path file = Files.write(dir.resolve("trunc.safetensors"), new SafetensorsFileBuilder()
                .f32("a", new long[] {1}, 1f)
                .entry("b", "F32", new long[] {2}, 4, 12)
                .bytes());

        TensorFileException e = assertThrows(TensorFileException.class, () -> SafetensorsReader.open(file));

        assertEquals("safetensors file '" + file + "': tensor 'b' has data_offsets [4, 12] outside the 4-byte data"
                + " section; the file is truncated or corrupt", e.getMessage());
    }

    @Test
    void rejectsDataOffsetsInconsistentWithShapeAndDtype() throws IOException {
        Path file = Files.write(dir.resolve("odd.safetensors"), new SafetensorsFileBuilder()
                .raw("w", "F32", new long[] {2, 3}, new byte[20])
                .bytes());

        TensorFileException e = assertThrows(TensorFileException.class, () -> SafetensorsReader.open(file));

        assertEquals("safetensors file '" + file + "': tensor 'w' is F32 of shape [2, 3] (24 bytes) but its"
                + " data_offsets [0, 20] span 20 bytes; the file is corrupt", e.getMessage());
    }

    @Test
    void rejectsUnknownDtypeListingKnownOnes() throws IOException {
        Path file = Files.write(dir.resolve("dt.safetensors"), new SafetensorsFileBuilder()
                .raw("w", "F128", new long[] {1}, new byte[16])
                .bytes());

        TensorFileException e = assertThrows(TensorFileException.class, () -> SafetensorsReader.open(file));

        assertTrue(e.getMessage().startsWith("safetensors file '" + file + "': tensor 'w' has dtype \"F128\";"
                + " expected one of [BOOL, U8"), e.getMessage());
    }

    @Test
    void rejectsNegativeOrMissingShape() throws IOException {
        Path file = Files.write(dir.resolve("shape.safetensors"), new SafetensorsFileBuilder()
                .withHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}"));

        TensorFileException e = assertThrows(TensorFileException.class, () -> SafetensorsReader.open(file));

        assertEquals("safetensors file '" + file + "': tensor 'w' has shape [-1]; expected a list of non-negative"
                + " integers", e.getMessage());
    }

    @Test
    void rejectsMetadataThatIsNotStrings() throws IOException {
        Path file = Files.write(dir.resolve("meta.safetensors"), new SafetensorsFileBuilder()
                .withHeader("{\"__metadata__\":{\"format\":1}}"));

        TensorFileException e = assertThrows(TensorFileException.class, () -> SafetensorsReader.open(file));

        assertEquals("safetensors file '" + file + "': '__metadata__' entry 'format' is 1, not a string",
                e.getMessage());
    }
}
