package io.chunkrt.ros.msg;

import java.util.Map;

/**
 * The ros2msg definitions of the message types ChunkRT writes into bags, as rosbag2 stores them in an MCAP schema:
 * the type's own .msg fields, then each dependency after a line of 80 '=' and {@code MSG: package/Name}. Field lists
 * are those of ROS 2 Humble/Jazzy (comments left out). Foxglove and rosbag2 decode the CDR messages with them.
 */
public final class MessageDefinitions {
    private static final String SEPARATOR = "=".repeat(80) + "\n";

    private static final String TIME = dependency("builtin_interfaces/Time", "int32 sec\nuint32 nanosec\n");
    private static final String DURATION = dependency("builtin_interfaces/Duration", "int32 sec\nuint32 nanosec\n");
    private static final String HEADER = dependency("std_msgs/Header", "builtin_interfaces/Time stamp\nstring frame_id\n");

    private static final Map<String, String> DEFINITIONS = Map.of(
            JointStateCodec.TYPE.rosName(),
            "std_msgs/Header header\n\nstring[] name\nfloat64[] position\nfloat64[] velocity\nfloat64[] effort\n" + HEADER + TIME,
            ImageCodec.TYPE.rosName(),
            "std_msgs/Header header\n\nuint32 height\nuint32 width\n\nstring encoding\n\nuint8 is_bigendian\nuint32 step\n\nuint8[] data\n" + HEADER + TIME,
            CompressedImageCodec.TYPE.rosName(),
            "std_msgs/Header header\n\nstring format\n\nuint8[] data\n" + HEADER + TIME,
            DiagnosticArrayCodec.TYPE.rosName(),
            "std_msgs/Header header\nDiagnosticStatus[] status\n" + HEADER + TIME
                    + dependency("diagnostic_msgs/DiagnosticStatus", "byte OK=0\nbyte WARN=1\nbyte ERROR=2\nbyte STALE=3\n\nbyte level\nstring name\n"
                            + "string message\nstring hardware_id\nKeyValue[] values\n")
                    + dependency("diagnostic_msgs/KeyValue", "string key\nstring value\n"),
            Float64MultiArrayCodec.TYPE.rosName(),
            "MultiArrayLayout layout\nfloat64[] data\n"
                    + dependency("std_msgs/MultiArrayLayout", "MultiArrayDimension[] dim\nuint32 data_offset\n")
                    + dependency("std_msgs/MultiArrayDimension", "string label\nuint32 size\nuint32 stride\n"),
            JointTrajectoryCodec.TYPE.rosName(),
            "std_msgs/Header header\n\nstring[] joint_names\n\nJointTrajectoryPoint[] points\n" + HEADER + TIME
                    + dependency("trajectory_msgs/JointTrajectoryPoint", "float64[] positions\nfloat64[] velocities\nfloat64[] accelerations\n"
                            + "float64[] effort\nbuiltin_interfaces/Duration time_from_start\n")
                    + DURATION,
            StringCodec.TYPE.rosName(), "string data\n",
            BoolCodec.TYPE.rosName(), "bool data\n");

    private static final Map<String, String> HASHES = Map.of(
            JointStateCodec.TYPE.rosName(), JointStateCodec.TYPE.typeHashHex(),
            ImageCodec.TYPE.rosName(), ImageCodec.TYPE.typeHashHex(),
            CompressedImageCodec.TYPE.rosName(), CompressedImageCodec.TYPE.typeHashHex(),
            DiagnosticArrayCodec.TYPE.rosName(), DiagnosticArrayCodec.TYPE.typeHashHex(),
            Float64MultiArrayCodec.TYPE.rosName(), Float64MultiArrayCodec.TYPE.typeHashHex(),
            JointTrajectoryCodec.TYPE.rosName(), JointTrajectoryCodec.TYPE.typeHashHex(),
            StringCodec.TYPE.rosName(), StringCodec.TYPE.typeHashHex(),
            BoolCodec.TYPE.rosName(), BoolCodec.TYPE.typeHashHex());

    private MessageDefinitions() {}

    private static String dependency(String type, String fields) {
        return SEPARATOR + "MSG: " + type + "\n" + fields;
    }

    /** The definition of {@code rosType} (package/msg/Name), or "" when ChunkRT does not know it. */
    public static String of(String rosType) {
        return DEFINITIONS.getOrDefault(rosType, "");
    }

    /** rosbag2's topic_type_hash ({@code RIHS01_<hex>}) of {@code rosType}, or "" when unknown. */
    public static String typeHash(String rosType) {
        String hex = HASHES.getOrDefault(rosType, "");
        return hex.isEmpty() ? "" : "RIHS01_" + hex;
    }
}
