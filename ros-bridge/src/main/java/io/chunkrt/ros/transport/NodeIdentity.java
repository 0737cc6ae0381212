package io.chunkrt.ros.transport;

/**
 * A ROS node's name and namespace, validated as rcl validates them.
 *
 * @param name      e.g. {@code chunkrt}
 * @param namespace absolute, e.g. {@code /} or {@code /arm_left}
 */
public record NodeIdentity(String name, String namespace) {
    public NodeIdentity {
        RosNames.checkNodeName(name);
        namespace = RosNames.checkNamespace(namespace);
    }

    /** {@code /ns/name}. */
    public String fullyQualifiedName() {
        return namespace.equals("/") ? "/" + name : namespace + "/" + name;
    }
}
