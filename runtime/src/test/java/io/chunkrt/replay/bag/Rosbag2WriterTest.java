package io.chunkrt.replay.bag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.replay.RecordingException;
import io.chunkrt.replay.mcap.McapCompression;
import io.chunkrt.replay.mcap.McapMetadata;
import io.chunkrt.replay.mcap.McapMessageCursor;
import io.chunkrt.replay.mcap.McapReader;
import io.chunkrt.replay.mcap.McapSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bag written by the flight recorder's storage reads back identical through RosBag, for every compression. */
class Rosbag2WriterTest {
    @TempDir
    Path tmp;

    @Test
    void writtenBagReadsBackIdenticalForEveryCompression() {
        for (McapCompression compression : McapCompression.values()) {
            Path dir = tmp.resolve("bag_" + compression.name().toLowerCase());
            List<RecordedBag.Message> written = RecordedBag.write(dir, compression, 300);
            try (RosBag bag = RosBag.open(dir)) {
                BagInfo info = bag.info();
                assertEquals(9, info.metadataVersion(), compression.name());
                assertEquals("mcap", info.storageId());
                assertEquals(300, info.messageCount());
                assertEquals(written.get(0).logTimeNs(), info.startNs());
                assertEquals(written.get(written.size() - 1).logTimeNs(), info.endNs());
                assertEquals(RecordedBag.TOPICS, info.topics().stream().map(TopicMessageCount::topic).toList());
                assertEquals(List.of(100L, 100L, 100L), info.topics().stream().map(TopicMessageCount::messageCount).toList());
                assertEquals(info.topics().stream().collect(java.util.stream.Collectors.toMap(t -> t.topic().name(),
                        TopicMessageCount::messageCount)), bag.storageCounts());
                List<RecordedBag.Message> read = new ArrayList<>();
                try (MessageCursor c = bag.messages()) {
                    while (c.next()) {
                        read.add(new RecordedBag.Message(RecordedBag.TOPICS.indexOf(c.topic()), c.logTimeNs(),
                                c.publishTimeNs(), c.payloadCopy()));
                    }
                    assertEquals(List.of(), c.problems());
                }
                assertEquals(written.size(), read.size());
                for (int i = 0; i < written.size(); i++) {
                    assertEquals(written.get(i).topic(), read.get(i).topic(), "message " + i);
                    assertEquals(written.get(i).logTimeNs(), read.get(i).logTimeNs(), "message " + i);
                    assertEquals(written.get(i).publishTimeNs(), read.get(i).publishTimeNs(), "message " + i);
                    assertArrayEquals(written.get(i).payload(), read.get(i).payload(), "message " + i);
                }
            }
        }
    }

    @Test
    void mcapFileCarriesTheRos2ProfileSchemasAndRosbag2Metadata() {
        Path dir = tmp.resolve("profile");
        RecordedBag.write(dir, McapCompression.ZSTD, 30);
        try (McapReader r = McapReader.open(dir.resolve("profile_0.mcap"))) {
            assertEquals("ros2", r.profile());
            assertEquals(java.util.Optional.empty(), r.summaryDamage());
            McapSummary s = r.summary().orElseThrow();
            assertEquals(2, s.schemas().size(), "two topics share sensor_msgs/msg/JointState");
            assertEquals("ros2msg", s.schemas().get(1).encoding());
            assertEquals(RecordedBag.JOINT_STATE_MSG, s.schemas().get(1).text());
            assertEquals("cdr", s.channels().get(0).messageEncoding());
            assertEquals(RecordedBag.QOS, s.channels().get(0).metadata().get("offered_qos_profiles"));
            assertEquals(30, s.statistics().orElseThrow().messageCount());
            assertEquals(List.of("rosbag2"), s.metadataNames());
            assertEquals(s.statistics().orElseThrow().channelMessageCounts(), r.messageIndexCounts().orElseThrow(),
                    "the message indexes count what the statistics say");
            McapMessageCursor c = r.messages();
            while (c.next()) {
                assertTrue(c.sequence() >= 0);
            }
            assertTrue(c.damage().isEmpty());
            McapMetadata m = c.metadata().get(0);
            assertTrue(m.values().get("serialized_metadata").startsWith("rosbag2_bagfile_information:\n  version: 9\n"));
        }
    }

    @Test
    void metadataYamlIsVersion9AsRosbag2WritesIt() throws IOException {
        Path dir = tmp.resolve("meta");
        RecordedBag.write(dir, McapCompression.NONE, 6);
        String yaml = Files.readString(dir.resolve("metadata.yaml"));
        assertTrue(yaml.startsWith("rosbag2_bagfile_information:\n  version: 9\n  storage_identifier: mcap\n"), yaml);
        assertTrue(yaml.contains("    - topic_metadata:\n        name: /follower/joint_states\n"
                + "        type: sensor_msgs/msg/JointState\n        serialization_format: cdr\n"
                + "        offered_qos_profiles:\n          - history: keep_last\n            depth: 10\n"), yaml);
        assertTrue(yaml.contains("  relative_file_paths:\n    - meta_0.mcap\n  files:\n    - path: meta_0.mcap\n"), yaml);
        BagMetadataYaml.Contents back = BagMetadataYaml.read(dir.resolve("metadata.yaml"));
        assertEquals(9, back.version());
        assertEquals(RecordedBag.QOS, back.topics().get(0).topic().offeredQosProfiles());
        assertEquals(6, back.messageCount());
    }

    @Test
    void sameCallsWriteByteIdenticalBags() throws IOException {
        RecordedBag.write(tmp.resolve("a/run"), McapCompression.LZ4, 200);
        RecordedBag.write(tmp.resolve("b/run"), McapCompression.LZ4, 200);
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/run/run_0.mcap")), Files.readAllBytes(tmp.resolve("b/run/run_0.mcap")));
        assertEquals(Files.readString(tmp.resolve("a/run/metadata.yaml")), Files.readString(tmp.resolve("b/run/metadata.yaml")));
    }

    @Test
    void refusesToWriteIntoANonEmptyDirectory() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(dir.resolve("other.txt"), "x");
        RecordingException e = assertThrows(RecordingException.class, () -> Rosbag2Writer.create(dir, Rosbag2Writer.Options.defaults()));
        assertTrue(e.getMessage().contains("already exists and is not empty"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("full_0.mcap")));
    }
}
