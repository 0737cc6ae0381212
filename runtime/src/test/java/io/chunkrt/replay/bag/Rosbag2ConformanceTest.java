package io.chunkrt.replay.bag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.replay.RecordingException;
import io.chunkrt.replay.ReplayTestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every bag of rosbag2's own test resources (../shared/testdata/rosbag2) reads: per-topic counts equal
 * metadata.yaml and the storage's own index, split bags iterate in timestamp order, bags without metadata.yaml read,
 * the wrong-format bag fails in one line, the empty bag yields nothing and the test_msgs payloads decode.
 */
class Rosbag2ConformanceTest {

    /** Every directory holding a metadata.yaml, except the wrong-format bags. */
    static List<Path> bagsWithMetadata() throws IOException {
        try (Stream<Path> s = Files.walk(ReplayTestData.rosbag2())) {
            return s.filter(p -> p.getFileName().toString().equals("metadata.yaml")).map(Path::getParent)
                    .filter(p -> !p.getFileName().toString().equals("wrong_rmw_test")).sorted().toList();
        }
    }

    private static Map<String, Long> iterate(RosBag bag, List<String> problems) {
        Map<String, Long> counts = new HashMap<>();
        long last = Long.MIN_VALUE;
        try (MessageCursor c = bag.messages()) {
            while (c.next()) {
                assertTrue(c.logTimeNs() >= last, () -> bag.path() + ": log time goes back at " + c.logTimeNs());
                last = c.logTimeNs();
                assertTrue(c.payload().remaining() >= 0);
                counts.merge(c.topic().name(), 1L, Long::sum);
            }
            problems.addAll(c.problems());
        }
        return counts;
    }

    private static Map<String, Long> nonZero(Map<String, Long> counts) {
        Map<String, Long> out = new HashMap<>();
        counts.forEach((k, v) -> {
            if (v != 0) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Test
    void everyBagWithMetadataHasCountsEqualToMetadataAndToTheStorageIndex() throws IOException {
        List<Path> bags = bagsWithMetadata();
        assertTrue(bags.size() >= 17, "found " + bags.size() + " bags: " + bags);
        for (Path dir : bags) {
            try (RosBag bag = RosBag.open(dir)) {
                BagInfo info = bag.info();
                Map<String, Long> fromMetadata = new HashMap<>();
                info.topics().forEach(t -> fromMetadata.put(t.topic().name(), t.messageCount()));
                assertEquals(nonZero(fromMetadata), nonZero(bag.storageCounts()), dir + ": storage index vs metadata.yaml");
                List<String> problems = new ArrayList<>();
                assertEquals(nonZero(fromMetadata), iterate(bag, problems), dir + ": iterated vs metadata.yaml");
                assertEquals(List.of(), problems, dir.toString());
                long total = fromMetadata.values().stream().mapToLong(Long::longValue).sum();
                assertEquals(info.messageCount(), total, dir + ": message_count vs topic counts");
            }
        }
    }

    @Test
    void mcapStatisticsAndMessageIndexesAgreeInEveryMcapFile() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(ReplayTestData.rosbag2())) {
            files = s.filter(p -> p.toString().endsWith(".mcap")).sorted().toList();
        }
        assertEquals(20, files.size());
        for (Path f : files) {
            try (io.chunkrt.replay.mcap.McapReader r = io.chunkrt.replay.mcap.McapReader.open(f)) {
                Map<Integer, Long> stats = r.summary().orElseThrow().statistics().orElseThrow().channelMessageCounts();
                Map<Integer, Long> fromIndexes = r.messageIndexCounts().orElseThrow();
                Map<Integer, Long> nonZeroStats = new HashMap<>();
                stats.forEach((k, v) -> {
                    if (v != 0) {
                        nonZeroStats.put(k, v);
                    }
                });
                assertEquals(nonZeroStats, fromIndexes, f.toString());
            }
        }
    }

    @Test
    void splitBagsIterateInTimestampOrderAcrossFiles() {
        for (String storage : List.of("sqlite3", "mcap")) {
            Path dir = ReplayTestData.rosbag2().resolve("rosbag2_py/test/resources/" + storage + "/wbag");
            try (RosBag bag = RosBag.open(dir); MessageCursor c = bag.messages()) {
                assertEquals(5, bag.info().files().size());
                long last = Long.MIN_VALUE;
                long n = 0;
                while (c.next()) {
                    assertTrue(c.logTimeNs() >= last, storage + " message " + n + " goes back in time");
                    last = c.logTimeNs();
                    n++;
                }
                assertEquals(6074, n, storage);
                assertEquals(2998, last, storage);
            }
        }
    }

    @Test
    void bagsWithoutMetadataReadFromTheirStorage() {
        for (String storage : List.of("sqlite3", "mcap")) {
            Path dir = ReplayTestData.rosbag2().resolve("rosbag2_py/test/resources/" + storage + "/reindex_test_bags/multiple_files");
            try (RosBag bag = RosBag.open(dir)) {
                BagInfo info = bag.info();
                assertEquals(0, info.metadataVersion());
                assertEquals(3, info.files().size());
                assertEquals(List.of("/chatter"), info.topics().stream().map(t -> t.topic().name()).toList());
                assertEquals("std_msgs/msg/String", info.topics().get(0).topic().type());
                List<String> problems = new ArrayList<>();
                Map<String, Long> counts = iterate(bag, problems);
                assertEquals(Map.of("/chatter", info.messageCount()), counts, storage);
                assertEquals(storage.equals("sqlite3") ? 1324 + 1324 + 529 : info.messageCount(), info.messageCount());
                assertEquals(List.of(), problems);
            }
        }
        Path single = ReplayTestData.rosbag2().resolve("rosbag2_cpp/test/rosbag2_cpp/bags");
        for (String file : List.of("topics_and_services.db3", "topics_and_services.mcap", "only_topics.mcap", "only_services.mcap")) {
            try (RosBag bag = RosBag.open(single.resolve(file))) {
                List<String> problems = new ArrayList<>();
                assertEquals(nonZero(bag.storageCounts()), iterate(bag, problems), file);
                assertEquals(List.of(), problems, file);
                assertTrue(bag.info().messageCount() > 0, file);
            }
        }
    }

    @Test
    void wrongSerializationFormatFailsWithOneLineNamingTopicAndFormat() {
        for (String storage : List.of("sqlite3", "mcap")) {
            Path dir = ReplayTestData.rosbag2().resolve("rosbag2_tests/resources/" + storage + "/wrong_rmw_test");
            try (RosBag bag = RosBag.open(dir)) {
                assertEquals(7, bag.info().messageCount(), "bag info still describes it");
                RecordingException e = assertThrows(RecordingException.class, bag::messages);
                assertTrue(e.getMessage().contains("has serialization format 'wrong_format' in metadata.yaml; ChunkRT replays only 'cdr'"),
                        e.getMessage());
                assertEquals(1, e.getMessage().lines().count());
            }
        }
    }

    @Test
    void emptyBagYieldsNothing() {
        try (RosBag bag = RosBag.open(ReplayTestData.rosbag2().resolve("ros2bag/test/resources/empty_bag"));
                MessageCursor c = bag.messages()) {
            assertFalse(c.next());
            assertEquals(0, bag.info().messageCount());
            assertEquals(2, bag.info().topics().size());
            assertEquals(Map.of(), nonZero(bag.storageCounts()));
        }
    }

    /** test_msgs/msg/BasicTypes in CDR: 4-byte encapsulation, then fields aligned to their size from byte 4. */
    record BasicTypes(boolean boolValue, byte byteValue, byte charValue, float float32, double float64, byte int8,
            int uint8, short int16, int uint16, int int32, long uint32, long int64, long uint64) {
        static BasicTypes decode(ByteBuffer payload) {
            ByteBuffer b = payload.slice().order(payload.get(payload.position() + 1) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            b.position(4);
            boolean bool = b.get() != 0;
            byte byteValue = b.get();
            byte charValue = b.get();
            float f32 = b.position(align(b.position(), 4)).getFloat();
            double f64 = b.position(align(b.position(), 8)).getDouble();
            byte i8 = b.get();
            int u8 = Byte.toUnsignedInt(b.get());
            short i16 = b.position(align(b.position(), 2)).getShort();
            int u16 = Short.toUnsignedInt(b.getShort());
            int i32 = b.position(align(b.position(), 4)).getInt();
            long u32 = Integer.toUnsignedLong(b.getInt());
            long i64 = b.position(align(b.position(), 8)).getLong();
            long u64 = b.getLong();
            assertTrue(b.remaining() < 4, "BasicTypes payload has " + b.remaining() + " bytes after its last field");
            return new BasicTypes(bool, byteValue, charValue, f32, f64, i8, u8, i16, u16, i32, u32, i64, u64);
        }

        private static int align(int position, int size) {
            int offset = position - 4;
            return 4 + (offset + size - 1) / size * size;
        }
    }

    @Test
    void testMsgsPayloadsDecodeAndAgreeBetweenSqliteAndMcap() {
        Map<String, List<BasicTypes>> byStorage = new HashMap<>();
        for (String storage : List.of("sqlite3", "mcap")) {
            Path dir = ReplayTestData.rosbag2().resolve("rosbag2_tests/resources/" + storage + "/cdr_test");
            List<BasicTypes> decoded = new ArrayList<>();
            try (RosBag bag = RosBag.open(dir); MessageCursor c = bag.messages(java.util.Set.of("/test_topic"))) {
                while (c.next()) {
                    assertEquals("test_msgs/msg/BasicTypes", c.topic().type());
                    decoded.add(BasicTypes.decode(c.payload()));
                }
            }
            assertEquals(3, decoded.size(), storage);
            byStorage.put(storage, decoded);
        }
        assertEquals(byStorage.get("sqlite3"), byStorage.get("mcap"));
        // rosbag2's fixture publishes BasicTypes with int32_value = 123 and every other field at its default
        assertEquals(new BasicTypes(false, (byte) 0, (byte) 0, 0f, 0d, (byte) 0, 0, (short) 0, 0, 123, 0, 0, 0),
                byStorage.get("mcap").get(0));
    }
}
