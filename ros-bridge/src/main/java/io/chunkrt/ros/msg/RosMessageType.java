package io.chunkrt.ros.msg;

import java.util.regex.Pattern;

/**
 * A ROS 2 message type: {@code package/msg/Name}, its DDS type name {@code package::msg::dds_::Name_}, and
 * its RIHS01 type hash (Iron and later put it into endpoint USER_DATA; Humble has none).
 *
 * @param typeHashHex the 64 lowercase hex digits of the RIHS01 hash, or "" when unknown
 */
public record RosMessageType(String packageName, String name, String typeHashHex) {
    private static final Pattern IDENT = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern HASH = Pattern.compile("([0-9a-f]{64})?");

    public RosMessageType {
        if (!IDENT.matcher(packageName).matches()) {
            throw new IllegalArgumentException("message package '" + packageName + "' is not a ROS package name (lowercase, digits, underscores)");
        }
        if (!TYPE.matcher(name).matches()) {
            throw new IllegalArgumentException("message name '" + name + "' is not a ROS message name (CamelCase)");
        }
        if (!HASH.matcher(typeHashHex).matches()) {
            throw new IllegalArgumentException("type hash of " + packageName + "/msg/" + name + " is '" + typeHashHex + "'; expected 64 lowercase hex digits or empty");
        }
    }

    /** {@code package/msg/Name} as ROS tools print it. */
    public String rosName() {
        return packageName + "/msg/" + name;
    }

    /** {@code package::msg::dds_::Name_}, the type name on the wire. */
    public String ddsTypeName() {
        return packageName + "::msg::dds_::" + name + "_";
    }

    /** The USER_DATA entry Iron/Jazzy endpoints carry: {@code typehash=RIHS01_<hex>;}, or "" when unknown. */
    public String typeHashUserData() {
        return typeHashHex.isEmpty() ? "" : "typehash=RIHS01_" + typeHashHex + ";";
    }

    @Override
    public String toString() {
        return rosName();
    }
}
