package io.chunkrt.replay.bag;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code ros2 bag info} shows: storage id, the metadata.yaml version (0 when the bag has none and everything
 * came from the storage), topics with counts, total count, start and end (log time, ns), compression and files.
 */
public record BagInfo(Path path, String storageId, int metadataVersion, List<TopicMessageCount> topics, long messageCount,
        long startNs, long endNs, String compressionFormat, String compressionMode, String rosDistro,
        List<BagFileInfo> files) {
    public BagInfo {
        topics = List.copyOf(topics);
        files = List.copyOf(files);
    }

    public long durationNs() {
        return messageCount == 0 ? 0 : endNs - startNs;
    }

    public long sizeBytes() {
        return files.stream().mapToLong(BagFileInfo::sizeBytes).sum();
    }

    /** The count for {@code topicName}, 0 when the bag has no such topic. */
    public long count(String topicName) {
        return topics.stream().filter(t -> t.topic().name().equals(topicName)).mapToLong(TopicMessageCount::messageCount)
                .sum();
    }
}
