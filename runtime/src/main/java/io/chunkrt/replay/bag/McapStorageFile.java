package io.chunkrt.replay.bag;

import io.chunkrt.replay.mcap.McapChannel;
import io.chunkrt.replay.mcap.McapMessageCursor;
import io.chunkrt.replay.mcap.McapReader;
import io.chunkrt.replay.mcap.McapSchema;
import io.chunkrt.replay.mcap.McapStatistics;
import io.chunkrt.replay.mcap.McapSummary;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A rosbag2 MCAP storage file (profile ros2): channels are topics, schema names are ROS types, the channel's
 * message encoding is the serialization format and its metadata carries offered_qos_profiles and topic_type_hash.
 * Topics and counts come from the summary; a file without one (truncated) is scanned once instead.
 */
final class McapStorageFile implements StorageFile {
    private final McapReader reader;
    private final Map<Integer, BagTopic> topicsByChannel = new LinkedHashMap<>();
    private Map<String, Long> scannedCounts;
    private long[] scannedRange;
    private final List<String> problems = new ArrayList<>();

    McapStorageFile(Path path) {
        this.reader = McapReader.open(path);
        reader.summaryDamage().ifPresent(d -> problems.add(d.line()));
        Optional<McapSummary> summary = reader.summary();
        if (summary.isPresent() && !summary.get().channels().isEmpty()) {
            describe(summary.get().channels(), summary.get().schemas());
        } else {
            scan();
        }
    }

    private void describe(Map<Integer, McapChannel> channels, Map<Integer, McapSchema> schemas) {
        channels.values().stream().sorted((a, b) -> Integer.compare(a.id(), b.id())).forEach(c -> {
            McapSchema s = schemas.get(c.schemaId());
            topicsByChannel.put(c.id(), new BagTopic(c.topic(), s == null ? "" : s.name(), c.messageEncoding(),
                    c.metadata().getOrDefault("offered_qos_profiles", ""), c.metadata().getOrDefault("topic_type_hash", "")));
        });
    }

    /** No summary: read the data section once for its channels, counts and time range. */
    private void scan() {
        McapMessageCursor cursor = reader.messages();
        Map<Integer, Long> byChannel = new HashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        while (cursor.next()) {
            byChannel.merge(cursor.channelId(), 1L, Long::sum);
            first = Math.min(first, cursor.logTimeNs());
            last = Math.max(last, cursor.logTimeNs());
        }
        describe(cursor.channels(), cursor.schemas());
        cursor.damage().ifPresent(d -> problems.add(d.line()));
        scannedCounts = byTopic(byChannel);
        scannedRange = byChannel.isEmpty() ? null : new long[] {first, last};
    }

    private Map<String, Long> byTopic(Map<Integer, Long> byChannel) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<Integer, BagTopic> e : topicsByChannel.entrySet()) {
            counts.merge(e.getValue().name(), byChannel.getOrDefault(e.getKey(), 0L), Long::sum);
        }
        return counts;
    }

    @Override
    public Path path() {
        return reader.file();
    }

    @Override
    public String storageId() {
        return "mcap";
    }

    @Override
    public List<BagTopic> topics() {
        Map<String, BagTopic> byName = new LinkedHashMap<>();
        for (BagTopic t : topicsByChannel.values()) {
            byName.putIfAbsent(t.name(), t);
        }
        return new ArrayList<>(byName.values());
    }

    @Override
    public Map<String, Long> indexedCounts() {
        if (scannedCounts != null) {
            return scannedCounts;
        }
        Optional<Map<Integer, Long>> indexed = reader.indexedMessageCounts();
        if (indexed.isPresent()) {
            return byTopic(indexed.get());
        }
        scan();
        return scannedCounts;
    }

    @Override
    public long[] timeRange() {
        if (scannedCounts != null) {
            return scannedRange;
        }
        Optional<McapStatistics> stats = reader.summary().flatMap(McapSummary::statistics);
        if (stats.isPresent()) {
            return stats.get().messageCount() == 0 ? null
                    : new long[] {stats.get().messageStartTimeNs(), stats.get().messageEndTimeNs()};
        }
        scan();
        return scannedRange;
    }

    @Override
    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public MessageCursor messages(Set<String> topics, Map<String, BagTopic> described) {
        return new McapBagCursor(reader.messages(), topics, described);
    }

    /** MCAP messages on the selected topics; the topic of a channel is resolved once per channel. */
    private static final class McapBagCursor implements MessageCursor {
        private final McapMessageCursor cursor;
        private final Set<String> selected;
        private final Map<String, BagTopic> described;
        private final Map<Integer, BagTopic> byChannel = new HashMap<>();
        private BagTopic topic;

        McapBagCursor(McapMessageCursor cursor, Set<String> selected, Map<String, BagTopic> described) {
            this.cursor = cursor;
            this.selected = selected;
            this.described = described;
        }

        @Override
        public boolean next() {
            while (cursor.next()) {
                BagTopic t = byChannel.get(cursor.channelId());
                if (t == null) {
                    McapChannel c = cursor.channel();
                    McapSchema s = cursor.schemas().get(c.schemaId());
                    BagTopic own = new BagTopic(c.topic(), s == null ? "" : s.name(), c.messageEncoding(),
                            c.metadata().getOrDefault("offered_qos_profiles", ""), c.metadata().getOrDefault("topic_type_hash", ""));
                    t = selected == null || selected.contains(c.topic()) ? described.getOrDefault(c.topic(), own) : SKIP;
                    byChannel.put(cursor.channelId(), t);
                }
                if (t != SKIP) {
                    topic = t;
                    return true;
                }
            }
            return false;
        }

        @Override
        public BagTopic topic() {
            return topic;
        }

        @Override
        public long logTimeNs() {
            return cursor.logTimeNs();
        }

        @Override
        public long publishTimeNs() {
            return cursor.publishTimeNs();
        }

        @Override
        public ByteBuffer payload() {
            return cursor.payload();
        }

        @Override
        public List<String> problems() {
            return cursor.damage().map(d -> List.of(d.line())).orElse(List.of());
        }

        @Override
        public void close() {
            // the reader owns the file; nothing per cursor
        }
    }

    private static final BagTopic SKIP = BagTopic.cdr("(not selected)", "");

    @Override
    public void close() {
        reader.close();
    }
}
