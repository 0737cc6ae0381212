package io.chunkrt.replay.bag;

import io.chunkrt.replay.RecordingException;
import io.chunkrt.replay.mcap.McapCompression;
import io.chunkrt.replay.mcap.McapWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a rosbag2-compatible bag: a directory holding {@code <name>_0.mcap} (profile ros2, CDR messages, ros2msg
 * schemas, channel metadata offered_qos_profiles and topic_type_hash, a "rosbag2" Metadata record with the
 * serialized bag metadata as rosbag2's MCAP storage writes it) and metadata.yaml version 9. This is the flight
 * recorder's storage; one thread writes. The same calls produce the same bytes (no wall-clock time is stored).
 */
public final class Rosbag2Writer implements AutoCloseable {
    /** MCAP chunk compression and size, and the ROS distribution written into metadata.yaml. */
    public record Options(McapCompression compression, int chunkSizeBytes, String rosDistro, String library) {
        public Options {
            if (compression == null || rosDistro == null || library == null) {
                throw new IllegalArgumentException("bag writer options need a compression, a ROS distro (may be empty) and a library");
            }
        }

        /** zstd chunks of 1 MiB, as rosbag2's MCAP storage does by default. */
        public static Options defaults() {
            return new Options(McapCompression.ZSTD, 1024 * 1024, "", "chunkrt");
        }

        public Options withCompression(McapCompression c) {
            return new Options(c, chunkSizeBytes, rosDistro, library);
        }

        public Options withChunkSizeBytes(int bytes) {
            return new Options(compression, bytes, rosDistro, library);
        }
    }

    private final Path dir;
    private final Path file;
    private final Options options;
    private final McapWriter mcap;
    private final List<BagTopic> topics = new ArrayList<>();
    private final List<Integer> channelIds = new ArrayList<>();
    private final Map<String, Integer> schemaIds = new LinkedHashMap<>();
    private long[] counts = new long[8];
    private long startNs = Long.MAX_VALUE;
    private long endNs = Long.MIN_VALUE;
    private boolean closed;

    private Rosbag2Writer(Path dir, Options options) {
        this.dir = dir;
        this.options = options;
        this.file = dir.resolve(dir.getFileName() + "_0.mcap");
        this.mcap = McapWriter.create(file, new McapWriter.Options("ros2", options.library(), options.compression(),
                Math.max(1024, options.chunkSizeBytes())));
    }

    /** Creates the bag directory (it must not exist, or be empty) and its MCAP file. */
    public static Rosbag2Writer create(Path dir, Options options) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new RecordingException("bag directory '" + dir + "' already exists and is not empty;"
                                + " choose a new output path (rosbag2 never writes into an existing bag)");
                    }
                }
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new RecordingException("cannot create bag directory '" + dir + "': " + e.getMessage(), e);
        }
        return new Rosbag2Writer(dir, options);
    }

    public Path directory() {
        return dir;
    }

    /**
     * Adds a topic; {@code messageDefinition} is its .msg text with dependencies as rosbag2 concatenates them (empty
     * when unknown: the schema then has no encoding). Returns the handle for {@link #write}.
     */
    public int addTopic(BagTopic topic, String messageDefinition) {
        if (topics.stream().anyMatch(t -> t.name().equals(topic.name()))) {
            throw new IllegalArgumentException("topic '" + topic.name() + "' is already in the bag");
        }
        Integer schemaId = schemaIds.get(topic.type());
        if (schemaId == null) {
            boolean known = messageDefinition != null && !messageDefinition.isEmpty();
            schemaId = mcap.addSchema(topic.type(), known ? "ros2msg" : "",
                    known ? messageDefinition.getBytes(StandardCharsets.UTF_8) : new byte[0]);
            schemaIds.put(topic.type(), schemaId);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("offered_qos_profiles", topic.offeredQosProfiles());
        if (!topic.typeDescriptionHash().isEmpty()) {
            metadata.put("topic_type_hash", topic.typeDescriptionHash());
        }
        channelIds.add(mcap.addChannel(schemaId, topic.name(), topic.serializationFormat(), metadata));
        topics.add(topic);
        if (topics.size() > counts.length) {
            counts = java.util.Arrays.copyOf(counts, counts.length * 2);
        }
        return topics.size() - 1;
    }

    /** Writes one serialized message on the topic {@code handle} from {@link #addTopic}. */
    public void write(int handle, long logTimeNs, long publishTimeNs, byte[] payload, int offset, int length) {
        checkHandle(handle);
        mcap.writeMessage(channelIds.get(handle), counts[handle], logTimeNs, publishTimeNs, payload, offset, length);
        count(handle, logTimeNs);
    }

    /** Writes the remaining bytes of {@code payload} (its position is not moved). */
    public void write(int handle, long logTimeNs, long publishTimeNs, ByteBuffer payload) {
        checkHandle(handle);
        mcap.writeMessage(channelIds.get(handle), counts[handle], logTimeNs, publishTimeNs, payload);
        count(handle, logTimeNs);
    }

    private void checkHandle(int handle) {
        if (closed) {
            throw new IllegalStateException("bag '" + dir + "' is already closed");
        }
        if (handle < 0 || handle >= topics.size()) {
            throw new IllegalArgumentException("topic handle " + handle + " is not one of the " + topics.size() + " added");
        }
    }

    private void count(int handle, long logTimeNs) {
        counts[handle]++;
        startNs = Math.min(startNs, logTimeNs);
        endNs = Math.max(endNs, logTimeNs);
    }

    /** Finishes the MCAP file (summary, footer) and writes metadata.yaml. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long total = 0;
        List<TopicMessageCount> topicCounts = new ArrayList<>();
        for (int i = 0; i < topics.size(); i++) {
            topicCounts.add(new TopicMessageCount(topics.get(i), counts[i]));
            total += counts[i];
        }
        long start = total == 0 ? 0 : startNs;
        long duration = total == 0 ? 0 : endNs - startNs;
        String relative = file.getFileName().toString();
        BagMetadataYaml.Contents contents = new BagMetadataYaml.Contents(BagMetadataYaml.MAX_VERSION, "mcap",
                List.of(relative), topicCounts, total, start, duration, "", "", options.rosDistro(), Map.of());
        List<BagFileInfo> files = List.of(new BagFileInfo(file, "mcap", 0, total, start, start + duration));
        String yaml = BagMetadataYaml.write(contents, files, dir);
        Map<String, String> record = new LinkedHashMap<>();
        record.put("serialized_metadata", yaml);
        record.put("ROS_DISTRO", options.rosDistro());
        mcap.writeMetadata("rosbag2", record);
        mcap.close();
        try {
            Files.writeString(dir.resolve(BagMetadataYaml.FILE_NAME), yaml);
        } catch (IOException e) {
            throw new RecordingException("cannot write '" + dir.resolve(BagMetadataYaml.FILE_NAME) + "': " + e.getMessage(), e);
        }
    }
}
