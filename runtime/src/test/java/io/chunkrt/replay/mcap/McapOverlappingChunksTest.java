package io.chunkrt.replay.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorder fed by several threads writes chunks whose time ranges overlap their neighbours'; the reader merges
 * such runs of chunks and yields every message in log-time order (ties in file order).
 */
class McapOverlappingChunksTest {
    @TempDir
    Path dir;

    @Test
    void messagesOfOverlappingChunksComeOutInLogTimeOrder() {
        Path file = dir.resolve("overlap.mcap");
        // two messages per chunk: chunk time ranges [10,30] [20,40] [35,50] [60,70], each overlapping the one before
        try (McapWriter w = McapWriter.create(file, McapWriter.Options.ros2("test").withCompression(McapCompression.ZSTD).withChunkSizeBytes(1024))) {
            int schema = w.addSchema("std_msgs/msg/String", "ros2msg", "string data".getBytes());
            int channel = w.addChannel(schema, "/t", "cdr", Map.of());
            long[] times = {10, 30, 20, 40, 35, 50, 60, 70};
            for (int i = 0; i < times.length; i++) {
                byte[] payload = new byte[600]; // two messages fill a 1 KiB chunk
                payload[0] = (byte) i;
                w.writeMessage(channel, i, times[i], times[i], payload, 0, payload.length);
            }
        }
        List<Long> seen = new ArrayList<>();
        try (McapReader r = McapReader.open(file)) {
            McapMessageCursor c = r.messages();
            while (c.next()) {
                seen.add(c.logTimeNs());
            }
            assertEquals(java.util.Optional.empty(), c.damage());
        }
        assertEquals(List.of(10L, 20L, 30L, 35L, 40L, 50L, 60L, 70L), seen);
    }
}
