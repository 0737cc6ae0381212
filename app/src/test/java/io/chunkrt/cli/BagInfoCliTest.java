package io.chunkrt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chunkrt.replay.bag.BagMetadataYaml;
import io.chunkrt.replay.bag.TopicMessageCount;
import io.chunkrt.replay.mcap.McapCompression;
import io.chunkrt.replay.mcap.McapWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chunkrt bag info} prints what ros2 bag info prints, with the same counts; bad bags exit 2 in one line. */
class BagInfoCliTest {
    private static final Pattern TOPIC_LINE = Pattern.compile("Topic: (\\S+) \\| Type: (\\S+) \\| Count: (\\d+) \\| Serialization Format: (\\S+)");

    @TempDir
    Path tmp;

    private static Path rosbag2() {
        Path dir = RepoPaths.sharedTestdata().resolve("rosbag2/ros2_rosbag2");
        assumeTrue(Files.isDirectory(dir), "shared testdata not present at " + dir + "; skipped");
        return dir;
    }

    @Test
    void printsTheCountsOfMetadataYamlForEveryRosbag2TestBag() throws IOException {
        List<Path> bags;
        try (Stream<Path> s = Files.walk(rosbag2())) {
            bags = s.filter(p -> p.getFileName().toString().equals("metadata.yaml")).map(Path::getParent).sorted().toList();
        }
        assertTrue(bags.size() >= 19, bags.toString());
        for (Path bag : bags) {
            CliRun run = CliRun.of("bag", "info", bag.toString());
            assertEquals(0, run.status(), bag + ": " + run.err());
            BagMetadataYaml.Contents m = BagMetadataYaml.read(bag.resolve("metadata.yaml"));
            Matcher t = TOPIC_LINE.matcher(run.out());
            int found = 0;
            while (t.find()) {
                TopicMessageCount expected = m.topics().get(found++);
                assertEquals(expected.topic().name(), t.group(1), bag.toString());
                assertEquals(expected.topic().type(), t.group(2), bag.toString());
                assertEquals(expected.messageCount(), Long.parseLong(t.group(3)), bag + " " + t.group(1));
                assertEquals(expected.topic().serializationFormat(), t.group(4), bag.toString());
            }
            assertEquals(m.topics().size(), found, bag.toString());
            assertTrue(run.out().contains("Messages:          " + m.messageCount() + "\n"), bag + "\n" + run.out());
            assertTrue(run.out().contains("Storage index:     counts match metadata.yaml"), bag + "\n" + run.out());
        }
    }

    @Test
    void showsFilesSizeStorageDurationStartAndEnd() {
        CliRun run = CliRun.of("bag", "info", rosbag2().resolve("rosbag2_tests/resources/mcap/cdr_test").toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("""
                Files:             cdr_test_0.mcap
                Bag size:          10.4 KiB
                Storage id:        mcap
                Metadata:          metadata.yaml version 7
                Compression:       none
                Duration:          0.151137181s
                Start:             Apr 9 2020 04:27:36.763032325 (1586406456.763032325)
                End:               Apr 9 2020 04:27:36.914169506 (1586406456.914169506)
                Messages:          7
                Topic information: Topic: /array_topic | Type: test_msgs/msg/Arrays | Count: 4 | Serialization Format: cdr
                                   Topic: /test_topic | Type: test_msgs/msg/BasicTypes | Count: 3 | Serialization Format: cdr
                Storage index:     counts match metadata.yaml
                """, run.out());
    }

    @Test
    void bagWithoutMetadataIsDescribedFromItsStorage() {
        CliRun run = CliRun.of("bag", "info",
                rosbag2().resolve("rosbag2_py/test/resources/sqlite3/reindex_test_bags/multiple_files").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Metadata:          none (read from the storage files)"), run.out());
        assertTrue(run.out().contains("Topic: /chatter | Type: std_msgs/msg/String | Count: 3177 | Serialization Format: cdr"), run.out());
        assertTrue(run.out().startsWith("Files:             multiple_files_0.db3\n                   multiple_files_1.db3\n"), run.out());
    }

    private static void assertOneLineExit2(CliRun run, String contains) {
        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals(1, run.errLine().lines().count(), run.err());
        assertTrue(run.errLine().startsWith("chunkrt: "), run.err());
        assertTrue(run.errLine().contains(contains), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace");
    }

    /** An old-schema rosbag2 sqlite3 bag with 50 messages on one topic, written through sqlite-jdbc. */
    private Path sqliteBag(Path dir) throws SQLException, IOException {
        Files.createDirectories(dir);
        Path db = dir.resolve(dir.getFileName() + "_0.db3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE topics(id INTEGER PRIMARY KEY,name TEXT NOT NULL,type TEXT NOT NULL,"
                    + "serialization_format TEXT NOT NULL,offered_qos_profiles TEXT NOT NULL)");
            st.execute("CREATE TABLE messages(id INTEGER PRIMARY KEY,topic_id INTEGER NOT NULL,timestamp INTEGER NOT NULL, data BLOB NOT NULL)");
            st.execute("INSERT INTO topics VALUES (1, '/joint_states', 'sensor_msgs/msg/JointState', 'cdr', '')");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO messages(topic_id, timestamp, data) VALUES (1, ?, ?)")) {
                for (int i = 0; i < 50; i++) {
                    ins.setLong(1, 1_000_000_000L + i * 33_000_000L);
                    ins.setBytes(2, new byte[200]);
                    ins.executeUpdate();
                }
            }
        }
        return db;
    }

    @Test
    void sqliteBagWrittenHereReads() throws Exception {
        Path dir = tmp.resolve("fresh");
        sqliteBag(dir);
        CliRun run = CliRun.of("bag", "info", dir.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Topic: /joint_states | Type: sensor_msgs/msg/JointState | Count: 50 | Serialization Format: cdr"));
        assertTrue(run.out().contains("Duration:          1.617000000s"), run.out());
    }

    @Test
    void corruptSqliteExitsWith2AndOneLine() throws Exception {
        Path dir = tmp.resolve("corrupt");
        Path db = sqliteBag(dir);
        byte[] bytes = Files.readAllBytes(db);
        Arrays.fill(bytes, 100, bytes.length, (byte) 0xAB); // keep the 100-byte header, ruin every page
        Files.write(db, bytes);
        assertOneLineExit2(CliRun.of("bag", "info", dir.toString()), "corrupt_0.db3' cannot be read: ");
    }

    @Test
    void garbageStorageFileExitsWith2NamingItsFirstBytes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("garbage"));
        Files.writeString(dir.resolve("garbage_0.db3"), "this is not a database");
        assertOneLineExit2(CliRun.of("bag", "info", dir.toString()), "is neither an sqlite3 database nor an MCAP file");
    }

    @Test
    void truncatedMcapPrintsWhatItReadThenOneLineAndExit2() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cut"));
        Path file = dir.resolve("cut_0.mcap");
        try (McapWriter w = McapWriter.create(file, new McapWriter.Options("ros2", "test", McapCompression.ZSTD, 4096))) {
            int s = w.addSchema("std_msgs/msg/String", "ros2msg", "string data\n".getBytes());
            int ch = w.addChannel(s, "/chatter", "cdr", Map.of("offered_qos_profiles", ""));
            for (int i = 0; i < 100; i++) {
                byte[] p = new byte[500];
                p[0] = (byte) i;
                w.writeMessage(ch, i, i * 1_000_000L, i * 1_000_000L, p, 0, p.length);
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        CliRun run = CliRun.of("bag", "info", dir.toString());
        assertOneLineExit2(run, "cut_0.mcap' is damaged at byte ");
        Matcher t = TOPIC_LINE.matcher(run.out());
        assertTrue(t.find(), run.out());
        long count = Long.parseLong(t.group(3));
        assertTrue(count > 0 && count < 100, "complete chunks before the cut are counted: " + count);
    }

    @Test
    void wrongPathAndUnknownMetadataVersionExitWith2() throws Exception {
        assertOneLineExit2(CliRun.of("bag", "info", tmp.resolve("missing").toString()), "does not exist");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertOneLineExit2(CliRun.of("bag", "info", empty.toString()), "has no metadata.yaml and no .db3 or .mcap");
        Path v10 = tmp.resolve("v10");
        sqliteBag(v10);
        Files.writeString(v10.resolve("metadata.yaml"), "rosbag2_bagfile_information:\n  version: 10\n  storage_identifier: sqlite3\n");
        assertOneLineExit2(CliRun.of("bag", "info", v10.toString()), "has version 10; ChunkRT reads versions 4 to 9");
    }
}
