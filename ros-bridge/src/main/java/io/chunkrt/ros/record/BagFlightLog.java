package io.chunkrt.ros.record;

import io.chunkrt.fusion.image.PixelEncoding;
import io.chunkrt.replay.bag.BagTopic;
import io.chunkrt.replay.bag.Rosbag2Writer;
import io.chunkrt.replay.record.FlightEvent;
import io.chunkrt.replay.record.FlightLogSink;
import io.chunkrt.replay.record.RecorderTopic;
import io.chunkrt.ros.cdr.CdrWriter;
import io.chunkrt.ros.msg.CompressedImageCodec;
import io.chunkrt.ros.msg.CompressedImageMessage;
import io.chunkrt.ros.msg.DiagnosticArrayCodec;
import io.chunkrt.ros.msg.DiagnosticArrayMessage;
import io.chunkrt.ros.msg.DiagnosticStatusMessage;
import io.chunkrt.ros.msg.ImageCodec;
import io.chunkrt.ros.msg.ImageMessage;
import io.chunkrt.ros.msg.JointStateCodec;
import io.chunkrt.ros.msg.JointStateMessage;
import io.chunkrt.ros.msg.MessageDefinitions;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The flight recorder's bag: every record encoded as CDR with the bridge's codecs and written through
 * {@link Rosbag2Writer} (MCAP, profile ros2, ros2msg schemas, metadata.yaml), so {@code ros2 bag} and Foxglove open
 * it. Joint states and commands are sensor_msgs/JointState, frames sensor_msgs/Image or CompressedImage, serialized
 * records are written byte for byte, and decisions are diagnostic_msgs/DiagnosticArray on /chunkrt/events (one
 * status per event, schema in docs/replay.md). Recorder thread only.
 */
public final class BagFlightLog implements FlightLogSink {
    /** Reliable, volatile, keep last: what a bag records for topics ChunkRT writes (rosbag2's YAML form). */
    static final String QOS = "- history: 1\n  depth: 10\n  reliability: 1\n  durability: 2\n  deadline:\n    sec: 9223372036\n"
            + "    nsec: 854775807\n  lifespan:\n    sec: 9223372036\n    nsec: 854775807\n  liveliness: 1\n  liveliness_lease_duration:\n"
            + "    sec: 9223372036\n    nsec: 854775807\n  avoid_ros_namespace_conventions: false";

    private final Rosbag2Writer writer;
    private final CdrWriter cdr = CdrWriter.growable(1 << 16);
    private final DiagnosticArrayMessage diagnostics = new DiagnosticArrayMessage(1, 4);
    private final StringBuilder text = new StringBuilder();
    private List<RecorderTopic> topics = List.of();
    private int[] handles = new int[0];
    private JointStateMessage[] jointMessages = new JointStateMessage[0];
    private ImageMessage image = new ImageMessage(0);
    private CompressedImageMessage compressed = new CompressedImageMessage(0);

    /** Creates the bag directory now (it must not exist or be empty), so a bad path fails before anything runs. */
    public BagFlightLog(Path bagDir, Rosbag2Writer.Options options) {
        this.writer = Rosbag2Writer.create(bagDir, options);
    }

    public Path directory() {
        return writer.directory();
    }

    @Override
    public void open(List<RecorderTopic> recorded) {
        this.topics = List.copyOf(recorded);
        this.handles = new int[topics.size()];
        this.jointMessages = new JointStateMessage[topics.size()];
        for (int i = 0; i < topics.size(); i++) {
            RecorderTopic t = topics.get(i);
            String type = t.rosType();
            handles[i] = writer.addTopic(new BagTopic(t.name(), type, "cdr", QOS, MessageDefinitions.typeHash(type)), MessageDefinitions.of(type));
            if (t.kind() == RecorderTopic.Kind.JOINT_STATE) {
                int longest = t.joints().stream().mapToInt(n -> n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).max().orElse(1);
                JointStateMessage m = new JointStateMessage(t.joints().size(), Math.max(JointStateMessage.DEFAULT_NAME_BYTES, longest + 1));
                m.setNames(t.joints().toArray(new String[0]));
                jointMessages[i] = m;
            }
        }
    }

    private void write(int topic, long logTimeNs) {
        writer.write(handles[topic], logTimeNs, logTimeNs, cdr.buffer(), cdr.offset(), cdr.length());
    }

    @Override
    public void jointState(int topic, long logTimeNs, long stampNs, double[] positions, int count) {
        JointStateMessage m = jointMessages[topic];
        m.header.stamp.setNanos(stampNs);
        System.arraycopy(positions, 0, m.positions(), 0, count);
        m.setPositionCount(count);
        cdr.begin();
        JointStateCodec.INSTANCE.encode(m, cdr);
        write(topic, logTimeNs);
    }

    @Override
    public void image(int topic, long logTimeNs, long stampNs, PixelEncoding encoding, int width, int height, int stepBytes, boolean bigEndian,
            ByteBuffer data) {
        int n = data.remaining();
        if (image.maxDataBytes() < n) {
            image = new ImageMessage(n);
        }
        image.header.stamp.setNanos(stampNs);
        image.width = width;
        image.height = height;
        image.step = stepBytes;
        image.isBigEndian = bigEndian ? 1 : 0;
        image.encoding.set(encoding == null ? "unknown" : encoding.rosName());
        data.get(data.position(), image.data(), 0, n);
        image.setDataLength(n);
        cdr.begin();
        ImageCodec.INSTANCE.encode(image, cdr);
        write(topic, logTimeNs);
    }

    @Override
    public void compressedImage(int topic, long logTimeNs, long stampNs, ByteBuffer data) {
        int n = data.remaining();
        if (compressed.maxDataBytes() < n) {
            compressed = new CompressedImageMessage(n);
        }
        compressed.header.stamp.setNanos(stampNs);
        boolean png = n > 1 && (data.get(data.position()) & 0xFF) == 0x89;
        compressed.format.set(png ? "png" : "jpeg");
        data.get(data.position(), compressed.data(), 0, n);
        compressed.setDataLength(n);
        cdr.begin();
        CompressedImageCodec.INSTANCE.encode(compressed, cdr);
        write(topic, logTimeNs);
    }

    @Override
    public void serialized(int topic, long logTimeNs, ByteBuffer payload) {
        writer.write(handles[topic], logTimeNs, logTimeNs, payload);
    }

    @Override
    public void event(int topic, long logTimeNs, FlightEvent event, int code, long a, long b) {
        diagnostics.header.stamp.setNanos(logTimeNs);
        diagnostics.setStatusCount(0);
        DiagnosticStatusMessage s = diagnostics.addStatus();
        s.level = event.level();
        s.name.set("chunkrt/" + event.name().toLowerCase(Locale.ROOT));
        String codeName = event.codeName(code);
        text.setLength(0);
        text.append(event.text());
        if (!codeName.isEmpty()) {
            text.append(": ").append(codeName.toLowerCase(Locale.ROOT));
        }
        s.message.set(text);
        s.hardwareId.set("chunkrt");
        s.addValue("event", event.name());
        if (!codeName.isEmpty()) {
            s.addValue(event == FlightEvent.OBSERVATION_NOT_READY ? "frame_fault" : "safety_fault", codeName);
        }
        if (!event.aKey().isEmpty()) {
            s.addValue(event.aKey(), Long.toString(a));
        }
        if (!event.bKey().isEmpty()) {
            s.addValue(event.bKey(), Long.toString(b));
        }
        cdr.begin();
        DiagnosticArrayCodec.INSTANCE.encode(diagnostics, cdr);
        write(topic, logTimeNs);
    }

    @Override
    public void close() {
        writer.close();
    }
}
