package io.chunkrt.replay.bag;

import io.chunkrt.replay.mcap.McapCompression;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Writes a small deterministic bag like the flight recorder would: joint states, commands and a fault topic. */
public final class RecordedBag {
    public static final String QOS = "- history: keep_last\n  depth: 10\n  reliability: reliable\n  durability: volatile\n"
            + "  deadline:\n    sec: 9223372036\n    nsec: 854775807\n  lifespan:\n    sec: 9223372036\n    nsec: 854775807\n"
            + "  liveliness: automatic\n  liveliness_lease_duration:\n    sec: 9223372036\n    nsec: 854775807\n"
            + "  avoid_ros_namespace_conventions: false";
    public static final String JOINT_STATE_MSG = "std_msgs/Header header\nstring[] name\nfloat64[] position\n"
            + "float64[] velocity\nfloat64[] effort\n";
    public static final List<BagTopic> TOPICS = List.of(
            new BagTopic("/follower/joint_states", "sensor_msgs/msg/JointState", "cdr", QOS,
                    "RIHS01_a13ee3a330e346c9d87b5aa18d24e11690752bd33a0350f11c5882bc9179260e"),
            new BagTopic("/follower/joint_commands", "sensor_msgs/msg/JointState", "cdr", QOS, ""),
            new BagTopic("/chunkrt/faults", "std_msgs/msg/String", "cdr", "", ""));

    /** A message as written: topic index, times and payload. */
    public record Message(int topic, long logTimeNs, long publishTimeNs, byte[] payload) {
    }

    private RecordedBag() {
    }

    /** Writes {@code count} messages round-robin over the three topics, 10 ms apart, 4 KiB chunks. */
    public static List<Message> write(Path dir, McapCompression compression, int count) {
        List<Message> written = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(42);
        Rosbag2Writer.Options options = Rosbag2Writer.Options.defaults().withCompression(compression).withChunkSizeBytes(4096);
        try (Rosbag2Writer w = Rosbag2Writer.create(dir, options)) {
            int[] handles = new int[TOPICS.size()];
            for (int i = 0; i < TOPICS.size(); i++) {
                handles[i] = w.addTopic(TOPICS.get(i), TOPICS.get(i).type().endsWith("JointState") ? JOINT_STATE_MSG : "string data\n");
            }
            long t0 = 1_700_000_000_000_000_000L;
            for (int i = 0; i < count; i++) {
                int topic = i % TOPICS.size();
                byte[] payload = new byte[4 + 8 * (6 + topic)];
                ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
                b.put(new byte[] {0, 1, 0, 0});
                while (b.hasRemaining()) {
                    b.putDouble(random.nextDouble(-3.14, 3.14));
                }
                long logTimeNs = t0 + i * 10_000_000L;
                long publishTimeNs = logTimeNs - 250_000L;
                if (i % 2 == 0) {
                    w.write(handles[topic], logTimeNs, publishTimeNs, payload, 0, payload.length);
                } else {
                    w.write(handles[topic], logTimeNs, publishTimeNs, ByteBuffer.wrap(payload));
                }
                written.add(new Message(topic, logTimeNs, publishTimeNs, payload));
            }
        }
        return written;
    }
}
