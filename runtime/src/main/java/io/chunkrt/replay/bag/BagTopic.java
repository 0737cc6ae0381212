package io.chunkrt.replay.bag;

/**
 * A recorded topic as rosbag2 describes it: name, ROS type (e.g. sensor_msgs/msg/JointState), serialization format
 * ("cdr"), the publishers' offered QoS profiles as YAML text (may be empty) and the RIHS01 type hash (may be empty).
 */
public record BagTopic(String name, String type, String serializationFormat, String offeredQosProfiles,
        String typeDescriptionHash) {
    public BagTopic {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a bag topic needs a name");
        }
        if (type == null || serializationFormat == null) {
            throw new IllegalArgumentException("bag topic '" + name + "' needs a type and a serialization format");
        }
        offeredQosProfiles = offeredQosProfiles == null ? "" : offeredQosProfiles;
        typeDescriptionHash = typeDescriptionHash == null ? "" : typeDescriptionHash;
    }

    /** A CDR topic with no QoS or hash recorded. */
    public static BagTopic cdr(String name, String type) {
        return new BagTopic(name, type, "cdr", "", "");
    }
}
