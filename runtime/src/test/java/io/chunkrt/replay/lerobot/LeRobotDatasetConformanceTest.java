package io.chunkrt.replay.lerobot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chunkrt.replay.RecordingException;
import io.chunkrt.replay.ReplayTestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LeRobot v3.0 dataset of ../shared/testdata/lerobot reads: 6 episodes, 1782 frames, state and action as in its
 * parquet (checked against stats.json and known rows), and decoded frames 0, 100 and 1781 equal the goldens made
 * by ffmpeg 5.1 + dav1d, byte for byte.
 */
class LeRobotDatasetConformanceTest {
    private static final List<String> VECTORS = List.of("observation.state", "action");
    private static final String WRIST = "observation.images.wrist";

    @TempDir
    Path tmp;

    @Test
    void readsSixEpisodesOf1782FramesWithTheirVideoSpans() {
        try (LeRobotDataset d = LeRobotDataset.open(ReplayTestData.lerobotDataset())) {
            assertEquals("v3.0", d.version());
            assertEquals(30.0, d.fps());
            assertEquals(6, d.episodes().size());
            assertEquals(6, d.totalEpisodes());
            assertEquals(1782, d.totalFrames());
            assertEquals(1782, d.episodes().stream().mapToInt(DatasetEpisode::length).sum());
            assertEquals(List.of(383, 386, 379, 382, 90, 162), d.episodes().stream().map(DatasetEpisode::length).toList());
            long next = 0;
            for (DatasetEpisode e : d.episodes()) {
                assertEquals(next, e.datasetFromIndex());
                next = e.datasetToIndex();
                VideoSpan v = e.videos().get(WRIST);
                assertEquals(e.datasetFromIndex() / 30.0, v.fromTimestampS(), 1e-9);
                assertEquals(List.of("pick and place"), e.tasks());
            }
            assertEquals(List.of(6), d.features().get("action").shape());
            assertEquals(List.of("j0", "j1", "j2", "j3", "j4", "j5"), d.features().get("observation.state").names());
            assertTrue(d.features().get(WRIST).isVideo());
        }
    }

    @Test
    void stateAndActionEqualTheParquetAndItsStats() {
        try (LeRobotDataset d = LeRobotDataset.open(ReplayTestData.lerobotDataset())) {
            int frames = 0;
            for (DatasetEpisode e : d.episodes()) {
                EpisodeData data = d.readEpisode(e.index(), VECTORS);
                assertEquals(e.length(), data.frames());
                for (int i = 0; i < data.frames(); i++) {
                    assertEquals(i, data.frameIndexes()[i]);
                    assertEquals(i / 30.0, data.timestampsS()[i], 1e-5);
                }
                for (String f : VECTORS) {
                    DatasetStats s = d.stats().get(f);
                    float[] v = data.vector(f);
                    for (int i = 0; i < v.length; i++) {
                        int j = i % 6;
                        assertTrue(v[i] >= (float) s.min()[j] && v[i] <= (float) s.max()[j], f + " element " + i + " outside stats.json");
                    }
                }
                frames += data.frames();
            }
            assertEquals(1782, frames);
            EpisodeData first = d.readEpisode(0, VECTORS);
            float[] state = new float[6];
            first.frame("observation.state", 0, state);
            assertArrayEquals(new float[] {-0.3917f, -1.7452f, 1.5771f, 0.9905f, -0.1381f, 0.4849f}, state);
            float[] action = new float[6];
            first.frame("action", 382, action);
            assertArrayEquals(new float[] {-0.40046677f, -1.7706461f, 1.7299857f, 0.9904264f, -0.13809198f, 0.48490366f}, action);
        }
    }

    private static byte[] golden(int frame) throws IOException {
        return Files.readAllBytes(ReplayTestData.goldenFrames().resolve("so101_wrist_frame" + frame + "_640x360_rgb24.raw"));
    }

    private static boolean ffmpegPresent() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "ffmpeg"))) {
                return true;
            }
        }
        return false;
    }

    /** Global frame k of the video is frame (k - from) of the episode holding it. */
    private static byte[] decode(LeRobotDataset d, int globalFrame) {
        DatasetEpisode e = d.episodes().stream().filter(x -> globalFrame < x.datasetToIndex()).findFirst().orElseThrow();
        VideoSpan span = e.videos().get(WRIST);
        int inEpisode = (int) (globalFrame - e.datasetFromIndex());
        byte[] rgb = new byte[640 * 360 * 3];
        try (VideoFrameReader r = VideoFrameReader.open(d.videoFile(e, WRIST), 640, 360, d.fps(), span.fromTimestampS(), inEpisode, 1)) {
            assertTrue(r.next(rgb));
        }
        return rgb;
    }

    @Test
    void decodedFrames0And100And1781EqualTheGoldensExactly() throws IOException {
        assumeTrue(ffmpegPresent(), "ffmpeg is not installed (apt-get install ffmpeg); video decoding test skipped");
        try (LeRobotDataset d = LeRobotDataset.open(ReplayTestData.lerobotDataset())) {
            for (int frame : new int[] {0, 100, 1781}) {
                assertArrayEquals(golden(frame), decode(d, frame), "frame " + frame);
            }
        }
    }

    @Test
    void decodingAnEpisodeInSequenceReachesFrame100Exactly() throws IOException {
        assumeTrue(ffmpegPresent(), "ffmpeg is not installed (apt-get install ffmpeg); video decoding test skipped");
        try (LeRobotDataset d = LeRobotDataset.open(ReplayTestData.lerobotDataset())) {
            DatasetEpisode e = d.episode(0);
            byte[] rgb = new byte[640 * 360 * 3];
            try (VideoFrameReader r = VideoFrameReader.open(d.videoFile(e, WRIST), 640, 360, d.fps(), 0, 0, 101)) {
                int n = 0;
                while (r.next(rgb)) {
                    if (n == 0) {
                        assertArrayEquals(golden(0), rgb);
                    }
                    n++;
                }
                assertEquals(101, n);
            }
            assertArrayEquals(golden(100), rgb);
        }
    }

    @Test
    void missingVideoAndMissingFeaturesFailInOneLine() throws IOException {
        try (LeRobotDataset d = LeRobotDataset.open(ReplayTestData.lerobotDataset())) {
            RecordingException e = assertThrows(RecordingException.class,
                    () -> d.requireFeatures(List.of("observation.state", "observation.images.top"), "card act.yaml"));
            assertTrue(e.getMessage().startsWith("card act.yaml needs feature [observation.images.top] but LeRobot dataset '"), e.getMessage());
            assertTrue(e.getMessage().contains("has [observation.state, action, observation.images.wrist"), e.getMessage());
            Path missing = tmp.resolve("nothing.mp4");
            e = assertThrows(RecordingException.class, () -> VideoFrameReader.open(missing, 640, 360, 30, 0, 0, 1));
            assertTrue(e.getMessage().startsWith("video file '" + missing + "' is missing"), e.getMessage());
        }
    }

    @Test
    void notADatasetAndOtherVersionsFailInOneLine() throws IOException {
        RecordingException e = assertThrows(RecordingException.class, () -> LeRobotDataset.open(tmp));
        assertTrue(e.getMessage().contains("it has no meta/info.json"), e.getMessage());
        Files.createDirectories(tmp.resolve("meta"));
        Files.writeString(tmp.resolve("meta/info.json"), "{\"codebase_version\": \"v2.1\", \"fps\": 30}");
        e = assertThrows(RecordingException.class, () -> LeRobotDataset.open(tmp));
        assertTrue(e.getMessage().contains("has codebase_version 'v2.1'; ChunkRT reads v3.0 datasets"), e.getMessage());
    }
}
