package io.chunkrt.ros.transport;

import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.SampleFault;
import io.chunkrt.ros.msg.MessageCodec;

/**
 * A subscription that decodes into a caller-owned reusable message: the receive thread calls
 * {@link #takeInto} after its wait set wakes and hands the filled message on (e.g. into a fusion stream),
 * all without allocating. Malformed or oversized samples are counted in {@link #counters()} and dropped.
 *
 * @param <M> the reusable message type of {@code codec}
 */
public final class MessageSubscription<M> implements AutoCloseable {
    /** What {@link #takeInto} did. */
    public enum Received {
        /** {@code into} holds a newly decoded message. */
        MESSAGE,
        /** Nothing was waiting. */
        NONE,
        /** One bad sample was taken, counted and dropped; {@code into} must not be used; call again. */
        DROPPED
    }

    private final RosSubscription subscription;
    private final MessageCodec<M> codec;
    private final CdrReader reader = new CdrReader();
    private final SampleCounters counters = new SampleCounters();
    private long lastSourceTimestampNs;

    public MessageSubscription(RosSubscription subscription, MessageCodec<M> codec) {
        if (!subscription.type().equals(codec.type())) {
            throw new IllegalArgumentException("subscription " + subscription.topic() + " carries " + subscription.type() + " but the codec decodes " + codec.type());
        }
        this.subscription = subscription;
        this.codec = codec;
    }

    public Received takeInto(M into) {
        TakeStatus status = subscription.take();
        switch (status) {
            case NONE, FAILED -> {
                return Received.NONE;
            }
            case TOO_LARGE -> {
                counters.record(SampleFault.SAMPLE_TOO_LARGE);
                return Received.DROPPED;
            }
            case SAMPLE -> {
                SampleFault f = codec.decode(reader, subscription.sampleBuffer(), 0, subscription.sampleLength(), into);
                counters.record(f);
                if (f != SampleFault.NONE) {
                    return Received.DROPPED;
                }
                lastSourceTimestampNs = subscription.sourceTimestampNs();
                return Received.MESSAGE;
            }
        }
        throw new AssertionError(status);
    }

    /** The writer's source timestamp of the last decoded message, ns since the epoch. */
    public long lastSourceTimestampNs() {
        return lastSourceTimestampNs;
    }

    public SampleCounters counters() {
        return counters;
    }

    public RosSubscription subscription() {
        return subscription;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
