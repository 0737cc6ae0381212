package io.chunkrt.replay.mcap;

import java.util.Map;

/** The summary's Statistics record; {@code channelMessageCounts} is empty when the writer did not count. */
public record McapStatistics(long messageCount, int schemaCount, long channelCount, long attachmentCount,
        long metadataCount, long chunkCount, long messageStartTimeNs, long messageEndTimeNs,
        Map<Integer, Long> channelMessageCounts) {
    public McapStatistics {
        channelMessageCounts = Map.copyOf(channelMessageCounts);
    }
}
