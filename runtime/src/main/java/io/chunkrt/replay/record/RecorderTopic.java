package io.chunkrt.replay.record;

import java.util.List;

/**
 * A topic of the flight recording.
 *
 * @param name   the ROS topic name, e.g. /joint_states
 * @param kind   what its records hold, which fixes its ROS type (see {@link Kind})
 * @param joints JOINT_STATE: the joint names, in the order positions are recorded; otherwise empty
 * @param rosType SERIALIZED: the ROS type of the CDR payloads (e.g. std_msgs/msg/Float64MultiArray); otherwise the
 *               type the kind implies
 */
public record RecorderTopic(String name, Kind kind, List<String> joints, String rosType) {
    /** What a topic's records hold. */
    public enum Kind {
        /** Positions of fixed, named joints: sensor_msgs/msg/JointState. */
        JOINT_STATE("sensor_msgs/msg/JointState"),
        /** A raw camera frame: sensor_msgs/msg/Image. */
        IMAGE("sensor_msgs/msg/Image"),
        /** A JPEG or PNG frame: sensor_msgs/msg/CompressedImage. */
        COMPRESSED_IMAGE("sensor_msgs/msg/CompressedImage"),
        /** A message already serialized as CDR (what the node received or published, byte for byte). */
        SERIALIZED(""),
        /** The node's decisions ({@link FlightEvent}): diagnostic_msgs/msg/DiagnosticArray on /chunkrt/events. */
        EVENTS("diagnostic_msgs/msg/DiagnosticArray");

        private final String rosType;

        Kind(String rosType) {
            this.rosType = rosType;
        }

        public String rosType() {
            return rosType;
        }
    }

    public static final String EVENTS_TOPIC = "/chunkrt/events";

    public RecorderTopic {
        if (name == null || !name.startsWith("/")) {
            throw new IllegalArgumentException("recorded topic name '" + name + "' must be absolute (start with '/')");
        }
        joints = joints == null ? List.of() : List.copyOf(joints);
        if (kind == Kind.JOINT_STATE && joints.isEmpty()) {
            throw new IllegalArgumentException("joint-state topic '" + name + "' needs its joint names");
        }
        if (kind == Kind.SERIALIZED && (rosType == null || !rosType.contains("/msg/"))) {
            throw new IllegalArgumentException("serialized topic '" + name + "' needs its ROS type as package/msg/Name, not '" + rosType + "'");
        }
        if (kind != Kind.SERIALIZED) {
            rosType = kind.rosType();
        }
    }
}
