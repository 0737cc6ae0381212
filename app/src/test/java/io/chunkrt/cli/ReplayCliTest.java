package io.chunkrt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chunkrt replay}: metrics, command log and report for an HDF5 episode, byte-identical command logs across
 * replays and for the replay of its own flight recording, and one line with exit status 2 for bad input (a damaged
 * recording still gets its files, up to the damage).
 */
class ReplayCliTest {
    @TempDir
    static Path tmp;

    private static Path episode;
    private static Path card;
    private static CliRun first;
    private static Path recording;

    @BeforeAll
    static void replayTheTorchEpisodeWithARecording() {
        episode = RepoPaths.models().resolve("replay_episode/episode_0.hdf5");
        card = RepoPaths.models().resolve("replay_episode/card.yaml");
        recording = tmp.resolve("flight");
        first = CliRun.of("replay", episode.toString(), "--card", card.toString(), "--out", tmp.resolve("first").toString(), "--record",
                recording.toString());
    }

    private static void assertOneLineExit2(CliRun run, String contains) {
        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals(1, run.errLine().lines().count(), run.err());
        assertTrue(run.errLine().startsWith("chunkrt: "), run.err());
        assertTrue(run.errLine().contains(contains), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace");
    }

    @Test
    void writesMetricsCommandsAndAReportForAnHdf5Episode() throws IOException {
        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().contains("replay: HDF5 episode episode_0.hdf5 (200 frames at 50.0 Hz) with card.yaml (queue executor, n_action_steps 1,"
                + " hold interpolation), modelled latency 0 ms"), first.out());
        assertTrue(first.out().contains("200 commands, 199 chunks, 1 hold ticks"), first.out());
        assertTrue(first.out().contains("vs 200 recorded actions: MAE "), first.out());
        assertTrue(first.out().contains("flight recording: " + recording + " ("), first.out());
        Path out = tmp.resolve("first");
        for (String f : new String[] {"commands.csv", "recorded_actions.csv", "metrics.csv", "metrics.json", "report.html"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertTrue(m.path("comparison").path("mae").asDouble() < 1e-6, m.path("comparison").toString());
        assertEquals(200, m.path("replay").path("ticks").asInt());
        assertEquals(200, m.path("latency_ms").path("inference_wall").path("count").asInt());
        assertEquals(14, m.path("joints").size());
        assertEquals(201, Files.readAllLines(out.resolve("commands.csv")).size(), "a header and one line per tick");
        assertEquals("joint,samples,mae,rmse,max_abs_error,largest_step,rms_jerk,max_abs_jerk,largest_seam_step",
                Files.readAllLines(out.resolve("metrics.csv")).getFirst());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("Inference latency") && !html.contains("<script src"), "self-contained report");
        assertTrue(Files.isRegularFile(recording.resolve("metadata.yaml")));
    }

    @Test
    void replaysAndTheReplayOfTheFlightRecordingWriteIdenticalCommandLogs() throws IOException {
        assertEquals(0, first.status(), first.err());
        CliRun again = CliRun.of("replay", episode.toString(), "--card", card.toString(), "--out", tmp.resolve("again").toString(), "--speed", "50");
        assertEquals(0, again.status(), again.err());
        CliRun bag = CliRun.of("replay", recording.toString(), "--card", card.toString(), "--out", tmp.resolve("bag").toString());
        assertEquals(0, bag.status(), bag.err());
        assertTrue(bag.out().startsWith("replay: bag flight (mcap, "), bag.out());
        byte[] commands = Files.readAllBytes(tmp.resolve("first/commands.csv"));
        assertArrayEquals(commands, Files.readAllBytes(tmp.resolve("again/commands.csv")), "a second replay, paced at 50x");
        assertArrayEquals(commands, Files.readAllBytes(tmp.resolve("bag/commands.csv")), "the replay of the flight recording");
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(tmp.resolve("first/metrics.json").toFile()).path("replay").path("commands_sha256"),
                json.readTree(tmp.resolve("bag/metrics.json").toFile()).path("replay").path("commands_sha256"));
    }

    @Test
    void aTruncatedMcapIsReplayedUpToTheDamageThenOneLineAndExit2() throws IOException {
        assertEquals(0, first.status(), first.err());
        Path cut = Files.createDirectories(tmp.resolve("cut"));
        byte[] bytes = Files.readAllBytes(recording.resolve("flight_0.mcap"));
        Files.write(cut.resolve("cut_0.mcap"), Arrays.copyOf(bytes, bytes.length / 3));
        Path out = tmp.resolve("cut_out");
        CliRun run = CliRun.of("replay", cut.toString(), "--card", card.toString(), "--out", out.toString());
        assertOneLineExit2(run, "cut_0.mcap' is damaged at byte ");
        assertTrue(run.errLine().endsWith("the metrics and the report cover the replay up to the damage"), run.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        int ticks = m.path("replay").path("ticks").asInt();
        assertTrue(ticks > 10 && ticks < 200, "replayed up to the damage: " + ticks);
        assertTrue(m.path("comparison").path("mae").asDouble() < 1e-6);
        assertEquals(1, m.path("problems").size());
        assertTrue(Files.readString(out.resolve("report.html")).contains("Damaged recording, replayed up to the damage"));
        // the ticks before the damage are the full replay's, line for line
        var full = Files.readAllLines(tmp.resolve("first/commands.csv"));
        var partial = Files.readAllLines(out.resolve("commands.csv"));
        assertEquals(full.subList(0, partial.size()), partial);
    }

    @Test
    void corruptSqliteAndMissingRecordingsAreOneLine() throws Exception {
        assertOneLineExit2(CliRun.of("replay", tmp.resolve("nothing").toString(), "--card", card.toString(), "--out", tmp.resolve("o1").toString()),
                "does not exist");
        Path dir = Files.createDirectories(tmp.resolve("corrupt"));
        Path db = dir.resolve("corrupt_0.db3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE topics(id INTEGER PRIMARY KEY,name TEXT NOT NULL,type TEXT NOT NULL,serialization_format TEXT NOT NULL,"
                    + "offered_qos_profiles TEXT NOT NULL)");
            st.execute("CREATE TABLE messages(id INTEGER PRIMARY KEY,topic_id INTEGER NOT NULL,timestamp INTEGER NOT NULL, data BLOB NOT NULL)");
            st.execute("INSERT INTO topics VALUES (1, '/joint_states', 'sensor_msgs/msg/JointState', 'cdr', '')");
        }
        byte[] b = Files.readAllBytes(db);
        Arrays.fill(b, 100, b.length, (byte) 0xAB);
        Files.write(db, b);
        assertOneLineExit2(CliRun.of("replay", dir.toString(), "--card", card.toString(), "--out", tmp.resolve("o2").toString()),
                "corrupt_0.db3' cannot be read: ");
    }

    @Test
    void theProgressBarRedrawsOneLineInPlace() {
        java.io.StringWriter w = new java.io.StringWriter();
        ReplayCommand.ProgressBar bar = new ReplayCommand.ProgressBar(new java.io.PrintWriter(w));
        bar.update(1_000_000_000L, 4_000_000_000L, 100_000_000L);
        bar.update(2_000_000_000L, 4_000_000_000L, 100_000_000L);
        bar.finish();
        assertEquals("\r[########......................]  25%  1.0 / 4.0 s  10.0x \r[###############...............]  50%  2.0 / 4.0 s  20.0x "
                + System.lineSeparator(), w.toString());
    }

    @Test
    void optionMistakesAreOneLine() throws IOException {
        assertOneLineExit2(CliRun.of("replay", episode.toString(), "--card", card.toString(), "--out", tmp.resolve("o3").toString(), "--camera",
                "top=cam_high"), "reads camera 'top' but HDF5 episode '" + episode + "' has cameras [top, wrist]; map it to one with --camera top=<name>");
        assertOneLineExit2(CliRun.of("replay", episode.toString(), "--card", card.toString(), "--out", tmp.resolve("o4").toString(), "--stamps", "wall"),
                "--stamps is 'wall'");
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("x"), "x");
        assertOneLineExit2(CliRun.of("replay", episode.toString(), "--card", card.toString(), "--out", tmp.resolve("o5").toString(), "--record",
                full.toString()), "already exists and is not empty");
        Path limits = tmp.resolve("limits.yaml");
        Files.writeString(limits, "joints: {}\n");
        assertOneLineExit2(CliRun.of("replay", episode.toString(), "--card", card.toString(), "--out", tmp.resolve("o6").toString(), "--safety",
                limits.toString()), "has no limits for commanded joint 'left_waist'");
    }

    @Test
    void aLeRobotDatasetLackingTheCardsFeaturesOrItsVideoIsOneLine() throws IOException {
        Path dataset = RepoPaths.sharedTestdata().resolve("lerobot/nimicurtis_so101_ros2_example");
        assumeTrue(Files.isDirectory(dataset), "shared testdata not present; skipped");
        Path so101 = RepoPaths.models().resolve("replay_so101/card.yaml");
        CliRun ok = CliRun.of("replay", dataset.toString(), "--card", so101.toString(), "--out", tmp.resolve("so101").toString(), "--episode", "1");
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().contains("LeRobot dataset nimicurtis_so101_ros2_example episode 1"), ok.out());
        assertOneLineExit2(CliRun.of("replay", dataset.toString(), "--card", card.toString(), "--out", tmp.resolve("o7").toString()),
                "card card.yaml needs feature [observation.images.top] but LeRobot dataset");
        Path copy = tmp.resolve("no_videos");
        try (Stream<Path> files = Files.walk(dataset)) {
            for (Path p : files.toList()) {
                String rel = dataset.relativize(p).toString();
                if (!rel.startsWith("videos")) {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(copy.resolve(rel));
                    } else {
                        Files.copy(p, copy.resolve(rel));
                    }
                }
            }
        }
        assertOneLineExit2(CliRun.of("replay", copy.toString(), "--card", so101.toString(), "--out", tmp.resolve("o8").toString()),
                "file-000.mp4' is missing; the dataset's videos/ folder is incomplete");
    }
}
