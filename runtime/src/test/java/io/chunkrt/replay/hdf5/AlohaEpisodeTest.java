package io.chunkrt.replay.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.replay.RecordingException;
import io.chunkrt.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** models/fixtures/aloha_episode_tiny.hdf5 (models/export_hdf5_fixture.py) reads with the values of its formulas. */
class AlohaEpisodeTest {
    private static final int T = 20;
    private static final int J = 14;
    private static final int H = 24;
    private static final int W = 32;

    @TempDir
    Path tmp;

    private static Path fixture() {
        return TestPaths.models().resolve("fixtures/aloha_episode_tiny.hdf5");
    }

    @Test
    void jointArraysEqualTheFixtureFormulas() {
        try (AlohaEpisode e = AlohaEpisode.open(fixture())) {
            assertEquals(T, e.frames());
            assertEquals(J, e.jointCount());
            assertEquals(J, e.actionDim());
            assertTrue(e.sim());
            for (int t = 0; t < T; t++) {
                for (int j = 0; j < J; j++) {
                    assertEquals(Math.sin(0.1 * t + 0.5 * j), e.qpos()[t * J + j], 1e-15, "qpos " + t + "," + j);
                    assertEquals(Math.cos(0.1 * t + 0.5 * j), e.qvel().orElseThrow()[t * J + j], 1e-15);
                    assertEquals(Math.sin(0.1 * (t + 1) + 0.5 * j), e.action()[t * J + j], 1e-15);
                }
            }
        }
    }

    @Test
    void everyFrameOfBothCamerasEqualsItsPattern() {
        try (AlohaEpisode e = AlohaEpisode.open(fixture())) {
            assertEquals(List.of("left_wrist", "top"), e.cameras());
            assertEquals(H, e.imageHeight("top"));
            assertEquals(W, e.imageWidth("left_wrist"));
            byte[] rgb = new byte[H * W * 3];
            for (String cam : e.cameras()) {
                for (int t = 0; t < T; t++) {
                    e.image(cam, t, rgb);
                    for (int y = 0; y < H; y++) {
                        for (int x = 0; x < W; x++) {
                            for (int c = 0; c < 3; c++) {
                                int p = 7 * t + 3 * y + 5 * x + 11 * c;
                                int expected = cam.equals("top") ? p % 256 : Math.floorMod(255 - p, 256);
                                assertEquals(expected, Byte.toUnsignedInt(rgb[(y * W + x) * 3 + c]), cam + " t" + t + " y" + y + " x" + x);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void badFilesFailInOneLine() throws IOException {
        Path text = Files.writeString(tmp.resolve("episode_0.hdf5"), "not hdf5");
        RecordingException e = assertThrows(RecordingException.class, () -> AlohaEpisode.open(text));
        assertTrue(e.getMessage().startsWith("file '" + text + "' is not a readable HDF5 file"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        e = assertThrows(RecordingException.class, () -> AlohaEpisode.open(tmp.resolve("missing.hdf5")));
        assertTrue(e.getMessage().endsWith("does not exist"), e.getMessage());
        try (AlohaEpisode ep = AlohaEpisode.open(fixture())) {
            e = assertThrows(RecordingException.class, () -> ep.imageHeight("front"));
            assertTrue(e.getMessage().endsWith("has no camera 'front'; its cameras are [left_wrist, top]"), e.getMessage());
        }
    }
}
