package io.chunkrt.ros.transport;

import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.msg.RosMessageType;

/**
 * One ROS 2 node's connection to the ROS graph. The DDS implementation is
 * {@code io.chunkrt.ros.dds.CycloneTransport}; an rcljava implementation can be added behind this interface
 * where a ros2_java workspace exists. Endpoints are created at start-up; afterwards data moves through
 * {@link RosPublisher#publish} and {@link RosSubscription#take} without allocation.
 */
public interface RosTransport extends AutoCloseable {
    NodeIdentity node();

    RosDistro distro();

    /**
     * @param topic a ROS topic name (absolute, relative to the namespace, or {@code ~/private}); remaps apply
     */
    RosPublisher createPublisher(String topic, RosMessageType type, QosProfile qos);

    /**
     * @param maxSampleBytes size of the preallocated receive buffer; larger samples are dropped and counted
     */
    RosSubscription createSubscription(String topic, RosMessageType type, QosProfile qos, int maxSampleBytes);

    ReceiveWaitSet createWaitSet();

    /** The fully qualified name {@code topic} resolves to for this node. */
    String resolveTopic(String topic);

    @Override
    void close();
}
