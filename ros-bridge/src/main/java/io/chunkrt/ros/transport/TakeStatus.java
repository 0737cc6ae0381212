package io.chunkrt.ros.transport;

/** Outcome of one take from a subscription. */
public enum TakeStatus {
    /** A sample is in the subscription's buffer. */
    SAMPLE,
    /** Nothing is waiting. */
    NONE,
    /** A sample larger than the receive buffer arrived and was dropped. */
    TOO_LARGE,
    /** DDS reported an error (the subscription was closed, or the reader deleted). */
    FAILED
}
