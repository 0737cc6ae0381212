package io.chunkrt.ros.transport;

import java.util.List;

/**
 * ROS 2 name rules (rcl/rmw): validation of node names, namespaces and topic names, expansion of relative
 * and private ({@code ~}) names, remapping, and the DDS topic name {@code rt/<fully qualified name>}.
 */
public final class RosNames {
    /** rmw's prefix for topics (services use rq/ and rr/). */
    public static final String TOPIC_PREFIX = "rt";

    private RosNames() {}

    public static void checkNodeName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("node name is empty; give one like 'chunkrt' (-r __node:=chunkrt)");
        }
        if (!isToken(name)) {
            throw new IllegalArgumentException("node name '" + name + "' is invalid; use letters, digits and underscores, not starting with a digit");
        }
    }

    /** Validates an absolute namespace; "" and a missing leading slash are accepted and normalized as rcl does. */
    public static String checkNamespace(String namespace) {
        String ns = namespace == null || namespace.isEmpty() ? "/" : namespace.startsWith("/") ? namespace : "/" + namespace;
        if (ns.length() > 1 && ns.endsWith("/")) {
            ns = ns.substring(0, ns.length() - 1);
        }
        if (!ns.equals("/")) {
            for (String token : ns.substring(1).split("/", -1)) {
                if (!isToken(token)) {
                    throw new IllegalArgumentException("namespace '" + namespace + "' is invalid at '" + token + "'; use /-separated tokens of letters, digits and underscores, not starting with a digit");
                }
            }
        }
        return ns;
    }

    /**
     * Expands {@code name} against the node: absolute names stay, {@code ~/x} becomes {@code /ns/node/x},
     * relative names are put under the namespace. The result is validated.
     */
    public static String expand(String name, NodeIdentity node) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("topic name is empty");
        }
        String full;
        if (name.startsWith("/")) {
            full = name;
        } else if (name.equals("~")) {
            full = node.fullyQualifiedName();
        } else if (name.startsWith("~/")) {
            full = node.fullyQualifiedName() + name.substring(1);
        } else {
            full = (node.namespace().equals("/") ? "" : node.namespace()) + "/" + name;
        }
        checkTopic(full, name);
        return full;
    }

    private static void checkTopic(String full, String given) {
        if (full.endsWith("/") || full.contains("//")) {
            throw new IllegalArgumentException("topic name '" + given + "' is invalid: no empty tokens or trailing '/' allowed");
        }
        for (String token : full.substring(1).split("/", -1)) {
            if (!isToken(token)) {
                throw new IllegalArgumentException("topic name '" + given + "' is invalid at '" + token + "'; use /-separated tokens of letters, digits and underscores, not starting with a digit");
            }
        }
    }

    /** Applies the first matching remap rule (compared with both the given and the expanded name), then expands. */
    public static String resolve(String name, NodeIdentity node, List<Remap> remaps) {
        String expanded = expand(name, node);
        for (Remap r : remaps) {
            if (r.from().equals(name) || expand(r.from(), node).equals(expanded)) {
                return expand(r.to(), node);
            }
        }
        return expanded;
    }

    /** {@code rt/<name without leading slash>}: e.g. {@code /joint_states} becomes {@code rt/joint_states}. */
    public static String ddsTopicName(String fullyQualifiedTopic) {
        return TOPIC_PREFIX + fullyQualifiedTopic;
    }

    /** A topic remap rule {@code from:=to}. */
    public record Remap(String from, String to) {
        public Remap {
            if (from == null || from.isEmpty() || to == null || to.isEmpty()) {
                throw new IllegalArgumentException("remap rule needs both sides, like /camera/image_raw:=/cam_high/image_raw");
            }
        }
    }

    static boolean isToken(String token) {
        if (token.isEmpty() || Character.isDigit(token.charAt(0))) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }
}
