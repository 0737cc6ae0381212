package io.chunkrt.replay.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming an MCAP file allocates nothing per message: chunks are decompressed into one reused buffer and
 * payloads are views into it. Measured with ThreadMXBean over 10 000 messages after a warm-up pass.
 */
@Tag("allocation")
class McapReadAllocationTest {
    @TempDir
    Path tmp;

    @Test
    void iteratingTenThousandMessagesAllocatesNoBytesPerMessage() {
        for (McapCompression compression : new McapCompression[] {McapCompression.NONE, McapCompression.ZSTD}) {
            Path file = tmp.resolve("alloc-" + compression + ".mcap");
            try (McapWriter w = McapWriter.create(file, new McapWriter.Options("ros2", "test", compression, 256 * 1024))) {
                int s = w.addSchema("sensor_msgs/msg/JointState", "ros2msg", new byte[0]);
                int ch = w.addChannel(s, "/joint_states", "cdr", Map.of("offered_qos_profiles", ""));
                byte[] payload = new byte[120];
                for (int i = 0; i < 30_000; i++) {
                    payload[0] = (byte) i;
                    w.writeMessage(ch, i, i * 1_000_000L, i * 1_000_000L, payload, 0, payload.length);
                }
            }
            ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            try (McapReader r = McapReader.open(file)) {
                McapMessageCursor c = r.messages();
                long sum = 0;
                for (int i = 0; i < 10_000; i++) { // warm-up: buffers grow to the chunk size, JIT compiles
                    c.next();
                    sum += c.payload().get(c.payload().position());
                }
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 10_000; i++) {
                    assertTrue(c.next());
                    sum += c.payload().get(c.payload().position()) + c.logTimeNs();
                }
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                // a chunk boundary may allocate a little (file read bookkeeping); never per message
                assertTrue(allocated < 10_000, compression + ": " + allocated + " bytes for 10 000 messages");
                assertTrue(sum != 0);
                int rest = 0;
                while (c.next()) {
                    rest++;
                }
                assertEquals(10_000, rest);
            }
        }
    }
}
