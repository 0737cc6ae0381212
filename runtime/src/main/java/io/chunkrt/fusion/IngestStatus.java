package io.chunkrt.fusion;

/**
 * What a stream did with one incoming message: {@link #ACCEPTED}, or why it was dropped. Every outcome is
 * counted per stream ({@link IngestCounters}); a dropped message changes nothing in the stream's ring.
 */
public enum IngestStatus {
    ACCEPTED,
    /** The image's width or height differs from the size the camera stream was configured with. */
    WRONG_SIZE,
    /** An image encoding the stream does not support (the bridge reports unknown names), or compressed data that is neither JPEG nor PNG. */
    UNSUPPORTED_ENCODING,
    /** The row step is smaller than width x bytes per pixel. */
    BAD_STEP,
    /** The data is shorter than step x height. */
    SHORT_DATA,
    /** Compressed data larger than the stream's staging buffer (4 bytes per pixel plus 64 KiB). */
    OVERSIZED,
    /** A JPEG or PNG that cannot be decoded, or that the decoder reports as damaged (e.g. truncated). */
    CORRUPT_IMAGE,
    /** A joint the stream provides is absent from the message's names. */
    MISSING_JOINT,
    /** A name appears twice in the message. */
    DUPLICATE_JOINT,
    /** Names and values differ in count, or a scalar message has the wrong number of values. */
    LENGTH_MISMATCH,
    /** A provided value is NaN or infinite. */
    NOT_FINITE,
    /** The header stamp is later than the receive time by more than the stream's future tolerance. */
    STAMP_IN_FUTURE,
    /**
     * The header stamp went back by more than the clock-jump limit, or advanced by that much more (or less) than
     * the receive time did. After {@code resyncAfter} such messages in a row the stream starts over on the new
     * timeline (counted as a resync) instead of rejecting forever.
     */
    CLOCK_JUMP,
    /** Every slot of the ring was pinned by the consumer; the ring is too shallow for the history it serves. */
    RING_FULL;
}
