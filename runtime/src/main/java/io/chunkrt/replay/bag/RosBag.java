package io.chunkrt.replay.bag;

import io.chunkrt.replay.RecordingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A rosbag2 bag opened for reading: a directory with metadata.yaml (versions 4-9) and its storage files, a directory
 * of storage files without metadata.yaml (topics and counts then come from the storage), or a single .db3 / .mcap
 * file. Storage is sqlite3 (old and Iron+ schemas) or MCAP (chunks uncompressed, zstd or lz4); each file's format is
 * told by its first bytes. Split bags iterate in log-time order through a k-way merge. Nothing is loaded whole.
 */
public final class RosBag implements AutoCloseable {
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MCAP_MAGIC = {(byte) 0x89, 'M', 'C', 'A', 'P'};
    private static final Pattern SPLIT_INDEX = Pattern.compile("_(\\d+)\\.(db3|mcap)$");

    private final Path path;
    private final BagMetadataYaml.Contents metadata;
    private final List<StorageFile> files;
    private final BagInfo info;

    private RosBag(Path path, BagMetadataYaml.Contents metadata, List<StorageFile> files) {
        this.path = path;
        this.metadata = metadata;
        this.files = files;
        this.info = buildInfo();
    }

    /** Opens a bag directory or a single storage file; throws RecordingException with one line when it cannot. */
    public static RosBag open(Path path) {
        if (Files.isRegularFile(path)) {
            return new RosBag(path, null, openAll(List.of(path)));
        }
        if (!Files.isDirectory(path)) {
            throw new RecordingException("bag '" + path + "' does not exist; give a rosbag2 bag directory or a .db3/.mcap file");
        }
        Path yaml = path.resolve(BagMetadataYaml.FILE_NAME);
        if (Files.isRegularFile(yaml)) {
            BagMetadataYaml.Contents m = BagMetadataYaml.read(yaml);
            if (!m.compressionMode().isEmpty() && !m.compressionMode().equalsIgnoreCase("none")) {
                throw new RecordingException("bag '" + path + "' was compressed by rosbag2 (compression_mode '"
                        + m.compressionMode() + "', format '" + m.compressionFormat() + "'); ChunkRT reads uncompressed bags"
                        + " (MCAP chunk compression is fine): decompress it with 'ros2 bag convert'");
            }
            List<Path> storage = new ArrayList<>();
            for (String relative : m.relativeFilePaths()) {
                Path f = path.resolve(relative);
                if (!Files.isRegularFile(f)) {
                    f = path.resolve(Path.of(relative).getFileName()); // older rosbag2 wrote the bag name in front
                }
                if (!Files.isRegularFile(f)) {
                    throw new RecordingException("bag metadata '" + yaml + "' lists storage file '" + relative
                            + "' but it is missing; restore it or remove metadata.yaml to read the files that are there");
                }
                storage.add(f);
            }
            if (storage.isEmpty()) {
                storage = discover(path);
            }
            return new RosBag(path, m, openAll(storage));
        }
        return new RosBag(path, null, openAll(discover(path)));
    }

    /** Storage files of a directory without metadata.yaml, in split order (name_0, name_1, ... name_10). */
    private static List<Path> discover(Path dir) {
        List<Path> found;
        try (Stream<Path> s = Files.list(dir)) {
            found = s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".db3") || n.endsWith(".mcap");
            }).sorted(Comparator.comparing((Path p) -> splitIndex(p)).thenComparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new RecordingException("cannot list bag directory '" + dir + "': " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new RecordingException("'" + dir + "' is not a rosbag2 bag: it has no metadata.yaml and no .db3 or .mcap"
                    + " storage files; give the bag's directory (the one that 'ros2 bag record -o' created)");
        }
        long kinds = found.stream().map(p -> p.getFileName().toString().endsWith(".db3")).distinct().count();
        if (kinds > 1) {
            throw new RecordingException("bag directory '" + dir + "' has no metadata.yaml and holds both .db3 and .mcap files ("
                    + found.stream().map(p -> p.getFileName().toString()).toList() + "); open one storage file directly");
        }
        return found;
    }

    private static long splitIndex(Path p) {
        Matcher m = SPLIT_INDEX.matcher(p.getFileName().toString());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static List<StorageFile> openAll(List<Path> paths) {
        List<StorageFile> opened = new ArrayList<>();
        try {
            for (Path p : paths) {
                opened.add(openStorage(p));
            }
        } catch (RuntimeException e) {
            for (StorageFile f : opened) {
                f.close();
            }
            throw e;
        }
        return opened;
    }

    private static StorageFile openStorage(Path file) {
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new RecordingException("cannot read bag file '" + file + "': " + e.getMessage(), e);
        }
        if (n >= MCAP_MAGIC.length && Arrays.equals(head, 0, MCAP_MAGIC.length, MCAP_MAGIC, 0, MCAP_MAGIC.length)) {
            return new McapStorageFile(file);
        }
        if (n == SQLITE_MAGIC.length && Arrays.equals(head, SQLITE_MAGIC)) {
            return new SqliteStorageFile(file);
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(n, 8); i++) {
            hex.append(String.format("%02X ", head[i]));
        }
        throw new RecordingException("bag file '" + file + "' is neither an sqlite3 database nor an MCAP file (its "
                + n + " first bytes are " + hex.toString().trim() + "); it is corrupt or not rosbag2 storage");
    }

    private BagInfo buildInfo() {
        List<BagFileInfo> fileInfos = new ArrayList<>();
        Map<String, Long> storageCounts = new LinkedHashMap<>();
        Map<String, BagTopic> storageTopics = new LinkedHashMap<>();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (StorageFile f : files) {
            Map<String, Long> counts = f.indexedCounts();
            counts.forEach((k, v) -> storageCounts.merge(k, v, Long::sum));
            for (BagTopic t : f.topics()) {
                storageTopics.putIfAbsent(t.name(), t);
            }
            long[] range = f.timeRange();
            long size;
            try {
                size = Files.size(f.path());
            } catch (IOException e) {
                size = -1;
            }
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            fileInfos.add(new BagFileInfo(f.path(), f.storageId(), size, total, range == null ? 0 : range[0],
                    range == null ? 0 : range[1]));
            if (range != null) {
                start = Math.min(start, range[0]);
                end = Math.max(end, range[1]);
            }
        }
        String storageId = files.stream().map(StorageFile::storageId).distinct().reduce((a, b) -> a + "+" + b).orElse("");
        if (metadata != null) {
            return new BagInfo(path, metadata.storageId(), metadata.version(), metadata.topics(), metadata.messageCount(),
                    metadata.startNs(), metadata.messageCount() == 0 ? metadata.startNs() : metadata.startNs() + metadata.durationNs(),
                    metadata.compressionFormat(), metadata.compressionMode(), metadata.rosDistro(), fileInfos);
        }
        List<TopicMessageCount> topics = new ArrayList<>();
        long total = 0;
        for (BagTopic t : storageTopics.values()) {
            long c = storageCounts.getOrDefault(t.name(), 0L);
            topics.add(new TopicMessageCount(t, c));
            total += c;
        }
        return new BagInfo(path, storageId, 0, topics, total, total == 0 ? 0 : start, total == 0 ? 0 : end, "", "", "",
                fileInfos);
    }

    public Path path() {
        return path;
    }

    /** What the bag holds: from metadata.yaml when there is one, else from the storage files. */
    public BagInfo info() {
        return info;
    }

    /** Message counts per topic from the storage's own index, summed over the files. */
    public Map<String, Long> storageCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (StorageFile f : files) {
            f.indexedCounts().forEach((k, v) -> counts.merge(k, v, Long::sum));
        }
        return counts;
    }

    /** Damage found while opening the storage files (truncated MCAP, bad summary CRC), one line each. */
    public List<String> problems() {
        List<String> all = new ArrayList<>();
        for (StorageFile f : files) {
            all.addAll(f.problems());
        }
        return all;
    }

    /** Every message on every topic, in log-time order. */
    public MessageCursor messages() {
        return messages(null);
    }

    /**
     * The messages on {@code topics} (null: all) in log-time order. Throws RecordingException when a selected
     * topic is not CDR-serialized (ChunkRT's codecs decode CDR only) or not in the bag.
     */
    public MessageCursor messages(Set<String> topics) {
        Map<String, BagTopic> described = new LinkedHashMap<>();
        for (TopicMessageCount t : info.topics()) {
            described.put(t.topic().name(), t.topic());
        }
        if (topics != null) {
            for (String t : topics) {
                if (!described.containsKey(t)) {
                    throw new RecordingException("bag '" + path + "' has no topic '" + t + "'; its topics are "
                            + described.keySet());
                }
            }
        }
        for (BagTopic t : described.values()) {
            if ((topics == null || topics.contains(t.name())) && !t.serializationFormat().equals("cdr")) {
                throw new RecordingException("bag '" + path + "': topic '" + t.name() + "' has serialization format '"
                        + t.serializationFormat() + "'" + (metadata != null ? " in metadata.yaml" : "")
                        + "; ChunkRT replays only 'cdr' (rmw_cyclonedds_cpp, rmw_fastrtps_cpp): re-record with a CDR rmw"
                        + " or convert the bag with 'ros2 bag convert'");
            }
        }
        List<MessageCursor> cursors = new ArrayList<>();
        for (StorageFile f : files) {
            cursors.add(f.messages(topics, described));
        }
        return new MergedMessageCursor(cursors);
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (StorageFile f : files) {
            try {
                f.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
