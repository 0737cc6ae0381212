package io.chunkrt.ros.node;

import io.chunkrt.replay.bag.Rosbag2Writer;
import io.chunkrt.replay.record.FlightRecorder;
import io.chunkrt.replay.record.RecorderChannel;
import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.msg.BoolCodec;
import io.chunkrt.ros.msg.JointStateCodec;
import io.chunkrt.ros.params.CameraInput;
import io.chunkrt.ros.params.CommandOutput;
import io.chunkrt.ros.params.RecordOutput;
import io.chunkrt.ros.record.BagFlightLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The live node's flight recording ({@code record.path} / {@code --record}): one bag topic per subscribed and
 * published topic (by resolved name, CDR bytes as received or published) plus {@code /chunkrt/events}, and one
 * recorder channel per producer thread — {@code rx-joints} (joint states, ~/enable, ~/estop and the operator's
 * decisions), {@code rx-camera-NAME} per camera, and {@code control} (controller messages and the loop's decisions).
 * Built at start-up; every record call on the node's threads is then allocation-free and never blocks (a full ring
 * drops and counts).
 */
final class NodeRecording {
    /** Ring of the joint-state thread and of the control thread. */
    static final int THREAD_RING_BYTES = 4 << 20;
    /** A camera's ring holds at least this many of its largest samples. */
    static final int FRAMES_PER_RING = 8;
    private static final int MIN_CAMERA_RING_BYTES = 1 << 20;
    private static final int MAX_CAMERA_RING_BYTES = 1 << 28;

    private final Path directory;
    private final FlightRecorder recorder;
    final RecorderChannel joints;
    final List<RecorderChannel> cameras;
    final RecorderChannel control;
    final int[] jointTopics;
    final int[] cameraTopics;
    final int enableTopic;
    final int estopTopic;
    final int[] commandTopics;

    /**
     * Creates the bag directory and starts the recorder thread.
     *
     * @param resolve a topic's fully resolved name (namespace, remaps), as the node subscribes or publishes it
     */
    NodeRecording(RecordOutput output, RosDistro distro, List<String> jointStateTopics, List<CameraInput> cameraInputs, String enableTopicName,
            String estopTopicName, List<CommandOutput> commands, UnaryOperator<String> resolve) {
        FlightRecorder.Builder b = FlightRecorder.builder();
        jointTopics = new int[jointStateTopics.size()];
        for (int i = 0; i < jointTopics.length; i++) {
            jointTopics[i] = b.serialized(resolve.apply(jointStateTopics.get(i)), JointStateCodec.TYPE.rosName());
        }
        cameraTopics = new int[cameraInputs.size()];
        for (int i = 0; i < cameraTopics.length; i++) {
            CameraInput c = cameraInputs.get(i);
            cameraTopics[i] = b.serialized(resolve.apply(c.topic()), c.type().rosName());
        }
        enableTopic = b.serialized(resolve.apply(enableTopicName), BoolCodec.TYPE.rosName());
        estopTopic = b.serialized(resolve.apply(estopTopicName), BoolCodec.TYPE.rosName());
        commandTopics = new int[commands.size()];
        for (int i = 0; i < commandTopics.length; i++) {
            CommandOutput c = commands.get(i);
            commandTopics[i] = b.serialized(resolve.apply(c.topic()), c.type().rosName());
        }
        joints = b.channel("rx-joints", THREAD_RING_BYTES);
        List<RecorderChannel> cams = new ArrayList<>();
        for (CameraInput c : cameraInputs) {
            cams.add(b.channel("rx-camera-" + c.name(), cameraRingBytes(c.maxSampleBytes())));
        }
        cameras = List.copyOf(cams);
        control = b.channel("control", THREAD_RING_BYTES);
        directory = output.directory();
        recorder = b.start(new BagFlightLog(directory, new Rosbag2Writer.Options(output.compression(), 1 << 20, distro.rosName(), "chunkrt")));
    }

    /** A power of two holding {@link #FRAMES_PER_RING} samples of {@code maxSampleBytes} (a record may use half the ring). */
    static int cameraRingBytes(int maxSampleBytes) {
        long want = Math.max(MIN_CAMERA_RING_BYTES, (long) FRAMES_PER_RING * (maxSampleBytes + 256L));
        long pow = Long.highestOneBit(want);
        if (pow < want) {
            pow <<= 1;
        }
        return (int) Math.min(MAX_CAMERA_RING_BYTES, pow);
    }

    Path directory() {
        return directory;
    }

    FlightRecorder recorder() {
        return recorder;
    }

    /** Records taken by every channel so far. */
    long recorded() {
        long n = 0;
        for (RecorderChannel c : recorder.channels()) {
            n += c.recorded();
        }
        return n;
    }

    /** Records dropped so far because a ring was full. */
    long dropped() {
        return recorder.dropped();
    }
}
