package io.chunkrt.replay.engine;

import io.chunkrt.card.PolicyCard;
import io.chunkrt.replay.record.FlightLogSink;
import io.chunkrt.replay.record.FlightRecorder;
import io.chunkrt.replay.record.RecorderChannel;
import java.util.List;

/**
 * The flight recording of a replay: every input the engine fed the pipeline (joint states as sensor_msgs/JointState,
 * frames as sensor_msgs/Image or CompressedImage), every command ({@value #COMMAND_TOPIC}, JointState of the
 * commanded joints), the recorded actions ({@value #ACTION_TOPIC}) and the decisions (/chunkrt/events).
 * Topic names: a stream whose name is a ROS topic keeps it; others become {@code /<name>/joint_states} and
 * {@code /<camera>/image_raw} (or {@code image_raw/compressed}), dots replaced by underscores.
 */
public final class ReplayRecording {
    public static final String COMMAND_TOPIC = "/chunkrt/command";
    public static final String ACTION_TOPIC = "/chunkrt/recorded_action";

    private final FlightRecorder.Builder builder;
    private final int[] jointTopics;
    private final int[] cameraTopics;
    private final int[] compressedTopics;
    private final int commandTopic;
    private final int actionTopic;
    private final RecorderChannel channel;
    private final List<String> commandJoints;

    private ReplayRecording(EpisodeLayout layout, PolicyCard card, int ringBytes) {
        this.builder = FlightRecorder.builder();
        this.commandJoints = card.output().joints();
        List<EpisodeLayout.JointSource> joints = layout.jointStreams();
        this.jointTopics = new int[joints.size()];
        for (int i = 0; i < jointTopics.length; i++) {
            jointTopics[i] = builder.jointStates(topic(joints.get(i).name(), "joint_states"), joints.get(i).joints());
        }
        List<EpisodeLayout.CameraSource> cameras = layout.cameras();
        this.cameraTopics = new int[cameras.size()];
        this.compressedTopics = new int[cameras.size()];
        for (int i = 0; i < cameras.size(); i++) {
            String raw = topic(cameras.get(i).name(), "image_raw");
            if (cameras.get(i).compressed()) {
                cameraTopics[i] = -1;
                compressedTopics[i] = builder.compressedImage(raw + "/compressed");
            } else {
                cameraTopics[i] = builder.image(raw);
                compressedTopics[i] = -1;
            }
        }
        this.commandTopic = builder.jointStates(COMMAND_TOPIC, card.output().joints());
        this.actionTopic = builder.jointStates(ACTION_TOPIC, card.output().joints());
        this.channel = builder.channel("replay", ringBytes);
    }

    /**
     * Plans the recording of replaying {@code layout} with {@code card}: topics and one channel (the replay thread is
     * the only producer) whose ring holds at least 16 frames of the largest camera.
     */
    public static ReplayRecording plan(EpisodeLayout layout, PolicyCard card) {
        long largest = 64 * 1024;
        for (EpisodeLayout.CameraSource c : layout.cameras()) {
            largest = Math.max(largest, (long) c.width() * c.height() * 4 + 1024);
        }
        long want = Math.max(16L << 20, 16 * largest);
        int ring = Integer.highestOneBit((int) Math.min(1L << 30, want - 1)) << 1;
        return new ReplayRecording(layout, card, ring);
    }

    static String topic(String name, String suffix) {
        if (name.startsWith("/")) {
            return name;
        }
        return "/" + name.replaceAll("[^A-Za-z0-9_/]", "_") + "/" + suffix;
    }

    /** Starts the recorder thread writing to {@code sink}. */
    public FlightRecorder start(FlightLogSink sink) {
        return builder.start(sink);
    }

    RecorderChannel channel() {
        return channel;
    }

    int jointTopic(int stream) {
        return jointTopics[stream];
    }

    int cameraTopic(int camera) {
        return cameraTopics[camera];
    }

    int compressedTopic(int camera) {
        return compressedTopics[camera];
    }

    int commandTopic() {
        return commandTopic;
    }

    int actionTopic() {
        return actionTopic;
    }

    List<String> commandJoints() {
        return commandJoints;
    }
}
