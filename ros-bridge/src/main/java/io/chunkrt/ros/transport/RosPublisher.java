package io.chunkrt.ros.transport;

import io.chunkrt.ros.msg.RosMessageType;

/**
 * Publishes serialized messages on one topic. {@link #publish} may block briefly inside DDS, so the control
 * thread never calls it: it hands messages to an {@link OutboundRing} drained by a {@link PublisherThread}.
 */
public interface RosPublisher extends AutoCloseable {
    /** Fully qualified ROS topic name. */
    String topic();

    RosMessageType type();

    QosProfile qos();

    /** Publishes {@code cdr[offset, offset+length)}, a complete sample with its 4-byte CDR header. Never throws. */
    PublishStatus publish(byte[] cdr, int offset, int length);

    /** Subscriptions currently matched (discovered and QoS-compatible). */
    int matchedSubscriptions();

    @Override
    void close();
}
