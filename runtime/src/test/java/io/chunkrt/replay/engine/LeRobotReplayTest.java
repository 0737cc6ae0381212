package io.chunkrt.replay.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.card.CardLoader;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.control.LoopCounter;
import io.chunkrt.fusion.FrameFault;
import io.chunkrt.replay.RecordingException;
import io.chunkrt.replay.ReplayTestData;
import io.chunkrt.replay.lerobot.LeRobotDataset;
import io.chunkrt.replay.lerobot.LeRobotRecordedEpisode;
import io.chunkrt.replay.metrics.ReplayMetrics;
import io.chunkrt.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An episode of the SO-101 LeRobot v3 dataset (shared test data, skipped when absent) replayed with models/replay_so101:
 * state and action from its parquet, the wrist camera decoded from its AV1 video by ffmpeg, resized by fusion, through
 * the policy, the queue executor and safety.
 */
class LeRobotReplayTest {
    @TempDir
    Path tmp;

    static PolicyCard so101Card() {
        return CardLoader.load(TestPaths.models().resolve("replay_so101/card.yaml"));
    }

    private static ReplayResult replay(Path datasetRoot, int episode, PolicyCard card) {
        try (LeRobotDataset dataset = LeRobotDataset.open(datasetRoot);
                LeRobotRecordedEpisode e = new LeRobotRecordedEpisode(dataset, episode, card)) {
            return ReplayEngine.run(card, e, ReplaySettings.defaults(card.execution()));
        }
    }

    @Test
    void replaysAnEpisodeWithItsAv1VideoThroughFusionAndThePolicy() {
        Path root = ReplayTestData.lerobotDataset();
        PolicyCard card = so101Card();
        ReplayResult r = replay(root, 2, card);
        ReplayMetrics m = ReplayMetrics.of(r);
        assertEquals(379, r.commands().count(), "episode 2 has 379 frames at 30 fps: one command each");
        assertEquals(379, m.compared(), "every recorded action compared");
        assertEquals(76, r.loopCounters().get(LoopCounter.CHUNKS_ACCEPTED), "a 5-action queue: a chunk every 5 frames");
        assertEquals(76, r.loopCounters().get(LoopCounter.INFERENCE_REQUESTS));
        for (FrameFault f : FrameFault.values()) {
            assertEquals(0, r.frameFaults().get(f), "every observation was built: " + f);
        }
        assertTrue(r.ingest().isEmpty(), "no frame or joint state rejected: " + r.ingest());
        assertEquals(r.actions().count(), 379);
        assertEquals((378 * 33_333_333L), r.lastTickNs() - r.firstTickNs(), "frames every round(1e9 / 30) ns");
        assertTrue(m.mae() < 0.05, "a random policy near the dataset's pose: MAE " + m.mae());
        ReplayResult again = replay(root, 2, card);
        for (int i = 0; i < r.commands().count(); i++) {
            double[] a = new double[6];
            double[] b = new double[6];
            for (int j = 0; j < 6; j++) {
                a[j] = r.commands().command(i, j);
                b[j] = again.commands().command(i, j);
            }
            assertArrayEquals(a, b, 0.0, "tick " + i + " is the same on a second replay");
        }
    }

    /** The so101 card reading its image from another dataset feature (its stats key follows). */
    private Path cardReading(String feature) throws IOException {
        Path models = TestPaths.models().resolve("replay_so101");
        String text = Files.readString(models.resolve("card.yaml"))
                .replace("file: so101_like.onnx", "file: " + models.resolve("so101_like.onnx").toAbsolutePath())
                .replace("feature: observation.images.wrist", "feature: " + feature)
                .replace("  observation.images.wrist:", "  " + feature + ":");
        Path file = tmp.resolve("card.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void cardFeaturesTheDatasetLacksAreNamedInOneLine() throws IOException {
        Path root = ReplayTestData.lerobotDataset();
        PolicyCard card = CardLoader.load(cardReading("observation.images.top"));
        try (LeRobotDataset dataset = LeRobotDataset.open(root)) {
            RecordingException e = assertThrows(RecordingException.class, () -> new LeRobotRecordedEpisode(dataset, 0, card));
            assertEquals("card card.yaml needs feature [observation.images.top] but LeRobot dataset '" + root + "' has [observation.state,"
                    + " action, observation.images.wrist, timestamp, frame_index, episode_index, index, task_index]; map the card's inputs to"
                    + " the dataset's feature names", e.getMessage());
        }
    }

    @Test
    void aMissingVideoIsNamedInOneLine() throws IOException {
        Path root = ReplayTestData.lerobotDataset();
        Path copy = tmp.resolve("no_videos");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.toList()) {
                Path rel = root.relativize(p);
                if (rel.toString().startsWith("videos")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy.resolve(rel.toString()));
                } else {
                    Files.copy(p, copy.resolve(rel.toString()));
                }
            }
        }
        PolicyCard card = so101Card();
        RecordingException e = assertThrows(RecordingException.class, () -> replay(copy, 0, card));
        assertEquals("video file '" + copy.resolve("videos/observation.images.wrist/chunk-000/file-000.mp4") + "' is missing; the dataset's"
                + " videos/ folder is incomplete (download the dataset again with its videos)", e.getMessage());
    }
}
