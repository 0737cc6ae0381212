package io.chunkrt.ros.transport;

import io.chunkrt.ros.msg.RosMessageType;

/**
 * Receives serialized messages on one topic into a buffer preallocated at creation. Polled, never called
 * back: a receive thread waits on a {@link ReceiveWaitSet} and then takes, so no Java code runs on DDS
 * threads. One thread takes from a subscription.
 */
public interface RosSubscription extends AutoCloseable {
    String topic();

    RosMessageType type();

    QosProfile qos();

    /** Takes the next sample into {@link #sampleBuffer()}; never blocks, never allocates, never throws. */
    TakeStatus take();

    /** The receive buffer; after {@link TakeStatus#SAMPLE} it holds {@link #sampleLength()} bytes, header included. */
    byte[] sampleBuffer();

    int sampleLength();

    /** The writer's source timestamp of the last sample, ns since the epoch. */
    long sourceTimestampNs();

    /** Samples that carried no data (disposals, unregistrations) skipped so far. */
    long invalidSamplesSkipped();

    /** Publishers currently matched. */
    int matchedPublishers();

    @Override
    void close();
}
