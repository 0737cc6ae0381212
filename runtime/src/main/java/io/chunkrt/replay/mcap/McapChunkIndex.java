package io.chunkrt.replay.mcap;

import java.util.Map;

/** A Chunk Index record: where a chunk and its message indexes lie, and its time range. */
public record McapChunkIndex(long messageStartTimeNs, long messageEndTimeNs, long chunkStartOffset, long chunkLength,
        Map<Integer, Long> messageIndexOffsets, long messageIndexLength, String compression, long compressedSize,
        long uncompressedSize) {
    public McapChunkIndex {
        messageIndexOffsets = Map.copyOf(messageIndexOffsets);
    }
}
