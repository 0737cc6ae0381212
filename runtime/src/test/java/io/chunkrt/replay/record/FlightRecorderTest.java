package io.chunkrt.replay.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.fusion.image.PixelEncoding;
import io.chunkrt.replay.RecordingException;
import io.chunkrt.safety.SafetyFault;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recorder thread drains every channel, oldest record first, into its sink, and on close writes what is left and
 * closes the sink; a full ring drops and counts, and the count is recorded as a last event. The sink here only
 * writes down what it is given: this test is about the recorder, the bag sink has its own tests in ros-bridge.
 */
class FlightRecorderTest {
    /** Writes down every call as a line. */
    static final class ListSink implements FlightLogSink {
        final List<String> lines = new ArrayList<>();
        List<RecorderTopic> topics;
        boolean closed;
        RuntimeException failOn;

        @Override
        public void open(List<RecorderTopic> t) {
            topics = t;
        }

        private void add(String s) {
            if (failOn != null) {
                throw failOn;
            }
            lines.add(s);
        }

        @Override
        public void jointState(int topic, long logTimeNs, long stampNs, double[] positions, int count) {
            add(logTimeNs + " js " + topics.get(topic).name() + " " + stampNs + " " + Arrays.toString(Arrays.copyOf(positions, count)));
        }

        @Override
        public void image(int topic, long logTimeNs, long stampNs, PixelEncoding encoding, int width, int height, int stepBytes, boolean bigEndian,
                ByteBuffer data) {
            byte[] b = new byte[data.remaining()];
            data.get(data.position(), b);
            add(logTimeNs + " img " + topics.get(topic).name() + " " + encoding + " " + width + "x" + height + " " + stepBytes + " " + bigEndian + " "
                    + Arrays.toString(b));
        }

        @Override
        public void compressedImage(int topic, long logTimeNs, long stampNs, ByteBuffer data) {
            add(logTimeNs + " jpg " + topics.get(topic).name() + " " + data.remaining());
        }

        @Override
        public void serialized(int topic, long logTimeNs, ByteBuffer cdr) {
            byte[] b = new byte[cdr.remaining()];
            cdr.get(cdr.position(), b);
            add(logTimeNs + " cdr " + topics.get(topic).name() + " " + Arrays.toString(b));
        }

        @Override
        public void event(int topic, long logTimeNs, FlightEvent event, int code, long a, long b) {
            add(logTimeNs + " event " + topics.get(topic).name() + " " + event + " " + event.codeName(code) + " " + a + " " + b);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void recordsFromTwoChannelsReachTheSinkOldestFirstAndCloseDrainsThem() {
        FlightRecorder.Builder b = FlightRecorder.builder();
        int joints = b.jointStates("/joint_states", List.of("a", "b"));
        int cam = b.image("/top/image_raw");
        int jpeg = b.compressedImage("/top/image_raw/compressed");
        int cmd = b.serialized("/arm/commands", "std_msgs/msg/Float64MultiArray");
        RecorderChannel control = b.channel("control", 1 << 16);
        RecorderChannel camera = b.channel("camera", 1 << 16);
        ListSink sink = new ListSink();
        FlightRecorder recorder = b.start(sink);
        // the camera channel's records are older than the control channel's: written first here, drained by time
        assertTrue(camera.image(cam, 10, 9, PixelEncoding.RGB8, 2, 1, 6, false, ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6})));
        assertTrue(camera.compressedImage(jpeg, 25, 24, ByteBuffer.wrap(new byte[300])));
        assertTrue(control.jointState(joints, 20, 19, new double[] {0.5, -1.25}, 2));
        assertTrue(control.serialized(cmd, 30, new byte[] {0, 1, 0, 0, 7}, 0, 5));
        assertTrue(control.event(40, FlightEvent.SAFETY_STARTED, SafetyFault.VELOCITY_LIMIT.ordinal(), 0, 0));
        assertFalse(control.jointState(joints, 50, 50, new double[] {1}, 1), "a joint state of the wrong width is dropped");
        assertFalse(control.jointState(cam, 50, 50, new double[] {1, 2}, 2), "a record on a topic of another kind is dropped");
        recorder.close();
        assertTrue(sink.closed);
        assertEquals(List.of(
                "10 img /top/image_raw RGB8 2x1 6 false [1, 2, 3, 4, 5, 6]",
                "20 js /joint_states 19 [0.5, -1.25]",
                "25 jpg /top/image_raw/compressed 300",
                "30 cdr /arm/commands [0, 1, 0, 0, 7]",
                "40 event /chunkrt/events SAFETY_STARTED VELOCITY_LIMIT 0 0",
                "40 event /chunkrt/events RECORDS_DROPPED  2 0"), sink.lines);
        assertEquals(2, recorder.dropped());
        assertEquals(5, recorder.delivered());
    }

    @Test
    void aFullRingDropsAndCountsInsteadOfWaiting() {
        FlightRecorder.Builder b = FlightRecorder.builder();
        int cam = b.image("/cam/image_raw");
        RecorderChannel channel = b.channel("camera", 1 << 12);
        ListSink sink = new ListSink();
        sink.failOn = new IllegalStateException("disk full");
        FlightRecorder recorder = b.start(sink);
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            accepted += channel.image(cam, i, i, PixelEncoding.MONO8, 30, 30, 30, false, ByteBuffer.wrap(new byte[900])) ? 1 : 0;
        }
        assertTrue(channel.dropped() > 0, "a stopped recorder makes the ring fill; records are then dropped, never waited for");
        assertEquals(100, accepted + channel.dropped());
        RecordingException e = assertThrows(RecordingException.class, recorder::close);
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertTrue(sink.closed, "the sink is closed even after a failure");
    }
}
