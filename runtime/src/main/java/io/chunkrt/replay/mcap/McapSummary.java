package io.chunkrt.replay.mcap;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an MCAP file's summary section holds: schema and channel copies, the statistics (when written), the chunk
 * indexes and the metadata index names. A file without a footer (truncated) or without a summary has none.
 */
public record McapSummary(Map<Integer, McapSchema> schemas, Map<Integer, McapChannel> channels,
        Optional<McapStatistics> statistics, List<McapChunkIndex> chunkIndexes, List<String> metadataNames) {
    public McapSummary {
        schemas = Map.copyOf(schemas);
        channels = Map.copyOf(channels);
        chunkIndexes = List.copyOf(chunkIndexes);
        metadataNames = List.copyOf(metadataNames);
    }
}
