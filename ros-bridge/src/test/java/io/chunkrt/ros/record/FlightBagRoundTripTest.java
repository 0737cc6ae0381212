package io.chunkrt.ros.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.fusion.image.PixelEncoding;
import io.chunkrt.replay.bag.BagInfo;
import io.chunkrt.replay.bag.MessageCursor;
import io.chunkrt.replay.bag.RosBag;
import io.chunkrt.replay.bag.Rosbag2Writer;
import io.chunkrt.replay.bag.TopicMessageCount;
import io.chunkrt.replay.record.FlightEvent;
import io.chunkrt.replay.record.FlightRecorder;
import io.chunkrt.replay.record.RecorderChannel;
import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.SampleFault;
import io.chunkrt.ros.msg.CompressedImageCodec;
import io.chunkrt.ros.msg.CompressedImageMessage;
import io.chunkrt.ros.msg.DiagnosticArrayCodec;
import io.chunkrt.ros.msg.DiagnosticArrayMessage;
import io.chunkrt.ros.msg.DiagnosticStatusMessage;
import io.chunkrt.ros.msg.Float64MultiArrayCodec;
import io.chunkrt.ros.msg.Float64MultiArrayMessage;
import io.chunkrt.ros.msg.ImageCodec;
import io.chunkrt.ros.msg.ImageMessage;
import io.chunkrt.ros.msg.JointStateCodec;
import io.chunkrt.ros.msg.JointStateMessage;
import io.chunkrt.safety.SafetyFault;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the flight recorder records reads back identical: two producer threads (control: joint states, commands as
 * CDR, decisions; camera: raw and JPEG frames) record through their rings into a rosbag2 MCAP bag; the bag is opened
 * with ChunkRT's reader, every message decoded with the bridge's codecs and compared field by field with what was
 * recorded; metadata.yaml, the MCAP statistics and the recorder agree on the counts.
 */
class FlightBagRoundTripTest {
    static final List<String> JOINTS = List.of("shoulder", "elbow", "wrist");
    static final int N = 400;

    @TempDir
    Path tmp;

    static double position(int i, int j) {
        return Math.sin(0.01 * i + j) * (j + 1);
    }

    static byte[] pixels(int i) {
        byte[] b = new byte[4 * 3 * 3];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) (i * 7 + k * 13);
        }
        return b;
    }

    static byte[] jpeg(int i) {
        byte[] b = new byte[64 + i % 50];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        b[2] = (byte) 0xFF;
        for (int k = 3; k < b.length; k++) {
            b[k] = (byte) (i + k);
        }
        return b;
    }

    static byte[] command(int i) {
        Float64MultiArrayMessage m = new Float64MultiArrayMessage(3, 1);
        m.setData(new double[] {i, -i, 0.5 * i}, 3);
        return Float64MultiArrayCodec.INSTANCE.encodeToArray(m);
    }

    /** Records N of everything from two threads into {@code dir}; returns the recorder (closed). */
    static FlightRecorder record(Path dir) throws InterruptedException {
        FlightRecorder.Builder b = FlightRecorder.builder();
        int joints = b.jointStates("/joint_states", JOINTS);
        int cam = b.image("/top/image_raw");
        int jpg = b.compressedImage("/wrist/image_raw/compressed");
        int cmd = b.serialized("/arm_controller/commands", "std_msgs/msg/Float64MultiArray");
        RecorderChannel control = b.channel("control", 1 << 20);
        RecorderChannel camera = b.channel("camera", 1 << 20);
        FlightRecorder recorder = b.start(new BagFlightLog(dir, Rosbag2Writer.Options.defaults().withChunkSizeBytes(8192)));
        Thread cameraThread = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < N; i++) {
                long t = 1_000_000_000L + i * 10_000_000L + 3;
                while (!camera.image(cam, t, t - 1, PixelEncoding.RGB8, 4, 3, 12, false, ByteBuffer.wrap(pixels(i)))) {
                    Thread.onSpinWait();
                }
                while (!camera.compressedImage(jpg, t + 1, t - 2, ByteBuffer.wrap(jpeg(i)))) {
                    Thread.onSpinWait();
                }
            }
        });
        double[] p = new double[3];
        for (int i = 0; i < N; i++) {
            long t = 1_000_000_000L + i * 10_000_000L;
            for (int j = 0; j < 3; j++) {
                p[j] = position(i, j);
            }
            byte[] c = command(i);
            while (!control.jointState(joints, t, t - 500, p, 3) || !control.serialized(cmd, t + 2, c, 0, c.length)
                    || !control.event(t + 4, i % 2 == 0 ? FlightEvent.SAFETY_STARTED : FlightEvent.CHUNK_ACCEPTED,
                            i % 2 == 0 ? SafetyFault.POSITION_LIMIT.ordinal() : -1, t - 7, i)) {
                Thread.onSpinWait();
            }
        }
        cameraThread.join();
        recorder.close();
        return recorder;
    }

    @Test
    void everyRecordedMessageReadsBackIdentical() throws Exception {
        Path dir = tmp.resolve("flight");
        FlightRecorder recorder = record(dir);
        assertEquals(0, recorder.dropped());
        assertEquals(5L * N, recorder.delivered());
        CdrReader in = new CdrReader();
        JointStateMessage js = new JointStateMessage(8);
        ImageMessage im = new ImageMessage(1024);
        CompressedImageMessage cm = new CompressedImageMessage(1024);
        DiagnosticArrayMessage da = new DiagnosticArrayMessage(2, 8);
        Map<String, Integer> seen = new HashMap<>();
        // each producer thread's records keep their log-time order; across threads whose clocks race (these
        // synthetic stamps are not tied to a shared clock) the reader merges only overlapping chunk runs
        Map<String, Long> lastTime = new HashMap<>();
        try (RosBag bag = RosBag.open(dir); MessageCursor c = bag.messages()) {
            while (c.next()) {
                String topic = c.topic().name();
                int i = seen.merge(topic, 1, Integer::sum) - 1;
                long base = 1_000_000_000L + i * 10_000_000L;
                assertTrue(c.logTimeNs() >= lastTime.getOrDefault(topic, Long.MIN_VALUE), "log-time order of " + topic);
                lastTime.put(topic, c.logTimeNs());
                byte[] data = c.payloadCopy();
                switch (topic) {
                    case "/joint_states" -> {
                        assertEquals(SampleFault.NONE, JointStateCodec.INSTANCE.decode(in, data, 0, data.length, js));
                        assertEquals(base, c.logTimeNs());
                        assertEquals(base - 500, js.header.stamp.toNanos());
                        assertEquals(3, js.nameCount());
                        for (int j = 0; j < 3; j++) {
                            assertEquals(JOINTS.get(j), js.name(j).toString());
                            assertEquals(position(i, j), js.position(j), 0.0);
                        }
                        assertEquals(0, js.velocityCount());
                    }
                    case "/top/image_raw" -> {
                        assertEquals(SampleFault.NONE, ImageCodec.INSTANCE.decode(in, data, 0, data.length, im));
                        assertEquals(base + 3, c.logTimeNs());
                        assertEquals(base + 2, im.header.stamp.toNanos());
                        assertEquals(4, im.width);
                        assertEquals(3, im.height);
                        assertEquals(12, im.step);
                        assertEquals("rgb8", im.encoding.toString());
                        assertArrayEquals(pixels(i), java.util.Arrays.copyOf(im.data(), im.dataLength()));
                    }
                    case "/wrist/image_raw/compressed" -> {
                        assertEquals(SampleFault.NONE, CompressedImageCodec.INSTANCE.decode(in, data, 0, data.length, cm));
                        assertEquals(base + 4, c.logTimeNs());
                        assertEquals("jpeg", cm.format.toString());
                        assertArrayEquals(jpeg(i), java.util.Arrays.copyOf(cm.data(), cm.dataLength()));
                    }
                    case "/arm_controller/commands" -> {
                        assertEquals(base + 2, c.logTimeNs());
                        assertArrayEquals(command(i), data, "serialized records are written byte for byte");
                    }
                    case "/chunkrt/events" -> {
                        assertEquals(SampleFault.NONE, DiagnosticArrayCodec.INSTANCE.decode(in, data, 0, data.length, da));
                        assertEquals(base + 4, c.logTimeNs());
                        assertEquals(base + 4, da.header.stamp.toNanos());
                        assertEquals(1, da.statusCount());
                        DiagnosticStatusMessage s = da.status(0);
                        assertEquals("chunkrt", s.hardwareId.toString());
                        if (i % 2 == 0) {
                            assertEquals("chunkrt/safety_started", s.name.toString());
                            assertEquals(DiagnosticStatusMessage.WARN, s.level);
                            assertEquals("safety intervention started: position_limit", s.message.toString());
                            assertEquals(List.of("event=SAFETY_STARTED", "safety_fault=POSITION_LIMIT"), values(s));
                        } else {
                            assertEquals("chunkrt/chunk_accepted", s.name.toString());
                            assertEquals(DiagnosticStatusMessage.OK, s.level);
                            assertEquals(List.of("event=CHUNK_ACCEPTED", "observation_stamp_ns=" + (base - 7), "age_ns=" + i), values(s));
                        }
                    }
                    default -> throw new AssertionError("unexpected topic " + topic);
                }
            }
            assertTrue(c.problems().isEmpty(), c.problems().toString());
            BagInfo info = bag.info();
            assertEquals(9, info.metadataVersion());
            assertEquals(5L * N, info.messageCount());
            for (TopicMessageCount t : info.topics()) {
                assertEquals(N, t.messageCount(), t.topic().name());
                assertEquals(N, seen.get(t.topic().name()), t.topic().name());
                assertEquals((long) N, bag.storageCounts().get(t.topic().name()), "MCAP statistics agree: " + t.topic().name());
                assertTrue(t.topic().typeDescriptionHash().startsWith("RIHS01_"), t.topic().name());
            }
        }
        assertTrue(Files.readString(dir.resolve("metadata.yaml")).contains("type: diagnostic_msgs/msg/DiagnosticArray"));
    }

    private static List<String> values(DiagnosticStatusMessage s) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < s.valueCount(); k++) {
            out.add(s.value(k).key + "=" + s.value(k).value);
        }
        return out;
    }
}
