package io.chunkrt.ros.replay;

import io.chunkrt.card.InputSpec;
import io.chunkrt.card.InputType;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.replay.RecordingException;
import io.chunkrt.replay.bag.BagInfo;
import io.chunkrt.replay.bag.TopicMessageCount;
import io.chunkrt.ros.msg.CompressedImageCodec;
import io.chunkrt.ros.msg.Float64MultiArrayCodec;
import io.chunkrt.ros.msg.ImageCodec;
import io.chunkrt.ros.msg.JointStateCodec;
import io.chunkrt.ros.msg.JointTrajectoryCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which topics of a bag feed a replay: the joint-state topics (the robot's measured joints and the card's state),
 * one image topic per camera the card reads, and the topic of the demonstrator's actions.
 *
 * @param jointTopics  sensor_msgs/JointState topics
 * @param cameraTopics card camera name to its sensor_msgs/Image or CompressedImage topic
 * @param actionTopic  sensor_msgs/JointState (named joints), std_msgs/Float64MultiArray (the card's output joints, in
 *                     order) or trajectory_msgs/JointTrajectory (its first point); null: no recorded actions
 */
public record BagTopicChoice(List<String> jointTopics, Map<String, String> cameraTopics, String actionTopic) {
    public static final String JOINT_STATE = JointStateCodec.TYPE.rosName();
    public static final String IMAGE = ImageCodec.TYPE.rosName();
    public static final String COMPRESSED_IMAGE = CompressedImageCodec.TYPE.rosName();
    public static final String FLOAT64_MULTI_ARRAY = Float64MultiArrayCodec.TYPE.rosName();
    public static final String JOINT_TRAJECTORY = JointTrajectoryCodec.TYPE.rosName();
    /** What ChunkRT's flight recorder writes as commands: never an input. */
    static final String RECORDED_COMMAND = "/chunkrt/command";
    /** What the flight recorder of a replay writes as the recorded actions: the default action topic when present. */
    static final String RECORDED_ACTION = "/chunkrt/recorded_action";

    public BagTopicChoice {
        jointTopics = List.copyOf(jointTopics);
        cameraTopics = Map.copyOf(cameraTopics);
    }

    /**
     * Picks the topics for {@code card} from what {@code info} lists, honouring what the user named.
     * Defaults: the action topic is /chunkrt/recorded_action, else the only Float64MultiArray or JointTrajectory
     * topic, else the only JointState topic whose name contains "action" or "leader"; joint states are every other
     * JointState topic (but /chunkrt/command); a camera reads the image topic that has its name as a path segment
     * (raw preferred over compressed). Topics without messages are ignored.
     *
     * @param actionTopic  the user's choice, or null for the default; "" for none
     * @param cameraTopics the user's camera-to-topic choices (may be empty)
     */
    public static BagTopicChoice choose(BagInfo info, PolicyCard card, String actionTopic, Map<String, String> cameraTopics) {
        Map<String, String> types = new LinkedHashMap<>();
        for (TopicMessageCount t : info.topics()) {
            if (t.messageCount() > 0) {
                types.put(t.topic().name(), t.topic().type());
            }
        }
        String action = actionTopic != null ? (actionTopic.isEmpty() ? null : actionTopic) : defaultAction(types);
        if (action != null) {
            String type = types.get(action);
            if (type == null) {
                throw new RecordingException("bag '" + info.path() + "' has no messages on action topic '" + action + "'; its topics are "
                        + types.keySet());
            }
            if (!type.equals(JOINT_STATE) && !type.equals(FLOAT64_MULTI_ARRAY) && !type.equals(JOINT_TRAJECTORY)) {
                throw new RecordingException("action topic '" + action + "' of bag '" + info.path() + "' has type " + type + "; recorded actions"
                        + " are read from " + JOINT_STATE + ", " + FLOAT64_MULTI_ARRAY + " or " + JOINT_TRAJECTORY + " topics");
            }
        }
        List<String> joints = new ArrayList<>();
        types.forEach((name, type) -> {
            if (type.equals(JOINT_STATE) && !name.equals(action) && !name.equals(RECORDED_COMMAND)) {
                joints.add(name);
            }
        });
        if (joints.isEmpty()) {
            throw new RecordingException("bag '" + info.path() + "' has no " + JOINT_STATE + " topic with messages"
                    + (action == null ? "" : " besides the action topic '" + action + "'") + "; replay needs the robot's joint states. Its topics: "
                    + types);
        }
        Map<String, String> cameras = new LinkedHashMap<>();
        for (InputSpec in : card.inputs()) {
            if (in.type() != InputType.IMAGE || cameras.containsKey(in.camera())) {
                continue;
            }
            String given = cameraTopics.get(in.camera());
            if (given != null) {
                String type = types.get(given);
                if (type == null || !(type.equals(IMAGE) || type.equals(COMPRESSED_IMAGE))) {
                    throw new RecordingException("camera topic '" + given + "' for camera '" + in.camera() + "' is " + (type == null
                            ? "not in bag '" + info.path() + "' (or has no messages)" : "of type " + type) + "; image topics: " + imageTopics(types));
                }
                cameras.put(in.camera(), given);
            } else {
                cameras.put(in.camera(), defaultCamera(in.camera(), types, info, card));
            }
        }
        for (String c : cameraTopics.keySet()) {
            if (!cameras.containsKey(c)) {
                throw new RecordingException("a topic is given for camera '" + c + "' but card " + card.displayName() + " reads cameras "
                        + cameras.keySet());
            }
        }
        return new BagTopicChoice(joints, cameras, action);
    }

    private static String defaultAction(Map<String, String> types) {
        if (types.containsKey(RECORDED_ACTION)) {
            return RECORDED_ACTION;
        }
        List<String> commands = types.entrySet().stream()
                .filter(e -> e.getValue().equals(FLOAT64_MULTI_ARRAY) || e.getValue().equals(JOINT_TRAJECTORY)).map(Map.Entry::getKey).toList();
        if (commands.size() == 1) {
            return commands.getFirst();
        }
        List<String> named = types.entrySet().stream().filter(e -> e.getValue().equals(JOINT_STATE))
                .map(Map.Entry::getKey).filter(n -> n.contains("action") || n.contains("leader")).toList();
        return named.size() == 1 ? named.getFirst() : null;
    }

    private static List<String> imageTopics(Map<String, String> types) {
        return types.entrySet().stream().filter(e -> e.getValue().equals(IMAGE) || e.getValue().equals(COMPRESSED_IMAGE)).map(Map.Entry::getKey)
                .toList();
    }

    private static String defaultCamera(String camera, Map<String, String> types, BagInfo info, PolicyCard card) {
        List<String> raw = new ArrayList<>();
        List<String> compressed = new ArrayList<>();
        types.forEach((name, type) -> {
            if (Arrays.asList(name.split("/")).contains(camera)) {
                if (type.equals(IMAGE)) {
                    raw.add(name);
                } else if (type.equals(COMPRESSED_IMAGE)) {
                    compressed.add(name);
                }
            }
        });
        List<String> pick = !raw.isEmpty() ? raw : compressed;
        if (pick.size() == 1) {
            return pick.getFirst();
        }
        throw new RecordingException("card " + card.displayName() + " reads camera '" + camera + "' but bag '" + info.path() + "' has "
                + (pick.isEmpty() ? "no image topic with '" + camera + "' in its name" : "several: " + pick) + " (image topics: "
                + imageTopics(types) + "); choose one with --camera-topic " + camera + "=<topic>");
    }
}
