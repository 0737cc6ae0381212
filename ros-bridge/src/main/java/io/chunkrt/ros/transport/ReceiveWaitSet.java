package io.chunkrt.ros.transport;

/** Blocks a receive thread (a platform thread) until one of its subscriptions has data. */
public interface ReceiveWaitSet extends AutoCloseable {
    void attach(RosSubscription subscription);

    /**
     * Waits up to {@code timeoutNs} for data on any attached subscription or a {@link #wake()}.
     *
     * @return true when something may be ready (take from every attached subscription), false on timeout
     */
    boolean await(long timeoutNs);

    /** Makes the current and every later {@link #await} return at once (used to stop the receive thread). */
    void wake();

    @Override
    void close();
}
