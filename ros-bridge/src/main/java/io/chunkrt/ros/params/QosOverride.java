package io.chunkrt.ros.params;

import io.chunkrt.ros.transport.QosProfile;

/**
 * A ROS 2 QoS override parameter, {@code qos_overrides./<topic>.<publisher|subscription>.<policy>}: each field
 * set replaces that policy of the endpoint's default profile; null fields keep the default.
 */
public record QosOverride(String topic, Endpoint endpoint, QosProfile.Reliability reliability, QosProfile.Durability durability,
                          QosProfile.History history, Integer depth) {
    public enum Endpoint { PUBLISHER, SUBSCRIPTION }

    public QosProfile applyTo(QosProfile base) {
        QosProfile.History h = history != null ? history : base.history();
        int d = depth != null ? depth : base.depth();
        return new QosProfile(reliability != null ? reliability : base.reliability(), durability != null ? durability : base.durability(),
                h, h == QosProfile.History.KEEP_LAST ? Math.max(d, 1) : d);
    }
}
