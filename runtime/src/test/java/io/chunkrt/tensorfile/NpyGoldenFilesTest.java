package io.chunkrt.tensorfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reads .npy files numpy wrote (shared testdata) and checks them against the same values as raw float32. */
class NpyGoldenFilesTest {

    @Test
    void readsNumpyWrittenFilesAsTheirRawFloat32Twins() throws IOException {
        Path golden = TestData.folderOrSkip("golden/onnx_io");
        List<Path> npyFiles;
        try (Stream<Path> listing = Files.list(golden)) {
            npyFiles = listing.filter(path -> path.toString().endsWith(".npy")).sorted().toList();
        }
        int compared = 0;
        for (Path npy : npyFiles) {
            Path raw = npy.resolveSibling(npy.getFileName().toString().replace(".npy", ".bin"));
            if (Files.isRegularFile(raw)) {
                ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
                float[] expected = new float[bytes.remaining() / 4];
                bytes.asFloatBuffer().get(expected);
                assertArrayEquals(expected, NpyReader.read(npy).toFloatArray(), npy.toString());
                compared++;
            }
        }
        assertFalse(compared == 0, "no .npy/.bin pairs in " + golden);
    }

    @Test
    void readsTemporalEnsemblingGoldenArrays() throws IOException {
        Path folder = TestData.folderOrSkip("golden/temporal_ensembling");
        NpyArray inputs = NpyReader.read(folder.resolve("caseA_inputs_B3_T101_C100_D1.npy"));
        NpyArray outputs = NpyReader.read(folder.resolve("caseA_lerobot_outputs_B3_T101_D1.npy"));

        assertArrayEquals(new long[] {3, 101, 100, 1}, inputs.shape());
        assertArrayEquals(new long[] {3, 101, 1}, outputs.shape());
        assertFalse(Float.isNaN(outputs.toFloatArray()[0]));
    }
}
