package io.chunkrt.ros.transport;

/**
 * The QoS of a ROS endpoint, as far as ROS data exchange needs it.
 *
 * @param depth history depth for {@link History#KEEP_LAST} (1 or more); ignored for KEEP_ALL
 */
public record QosProfile(Reliability reliability, Durability durability, History history, int depth) {
    public enum Reliability { RELIABLE, BEST_EFFORT }

    public enum Durability { VOLATILE, TRANSIENT_LOCAL }

    public enum History { KEEP_LAST, KEEP_ALL }

    /** rmw_qos_profile_default: reliable, volatile, keep last 10. */
    public static final QosProfile DEFAULT = new QosProfile(Reliability.RELIABLE, Durability.VOLATILE, History.KEEP_LAST, 10);
    /** rmw_qos_profile_sensor_data: best effort, volatile, keep last 5; matches reliable and best-effort writers. */
    public static final QosProfile SENSOR_DATA = new QosProfile(Reliability.BEST_EFFORT, Durability.VOLATILE, History.KEEP_LAST, 5);
    /**
     * Controller commands: reliable and volatile so that both rmw_cyclonedds (SystemDefaults = reliable,
     * volatile, keep last 1) and rmw_fastrtps readers match; keep last 1 because only the newest command matters.
     */
    public static final QosProfile COMMANDS = new QosProfile(Reliability.RELIABLE, Durability.VOLATILE, History.KEEP_LAST, 1);
    /** ros_discovery_info: reliable, transient local, keep last 1. */
    public static final QosProfile GRAPH = new QosProfile(Reliability.RELIABLE, Durability.TRANSIENT_LOCAL, History.KEEP_LAST, 1);

    public QosProfile {
        if (reliability == null || durability == null || history == null) {
            throw new IllegalArgumentException("a QoS profile needs reliability, durability and history");
        }
        if (history == History.KEEP_LAST && (depth < 1 || depth > 100_000)) {
            throw new IllegalArgumentException("history depth " + depth + " is outside 1..100000; use a small positive depth or KEEP_ALL");
        }
    }

    public QosProfile withReliability(Reliability r) {
        return new QosProfile(r, durability, history, depth);
    }

    public QosProfile withDurability(Durability d) {
        return new QosProfile(reliability, d, history, depth);
    }

    public QosProfile withDepth(int keepLastDepth) {
        return new QosProfile(reliability, durability, History.KEEP_LAST, keepLastDepth);
    }

    @Override
    public String toString() {
        return reliability.name().toLowerCase() + "/" + durability.name().toLowerCase() + "/"
                + (history == History.KEEP_ALL ? "keep_all" : "keep_last " + depth);
    }
}
