package io.chunkrt.ros.transport;

/** Outcome of one publish; counted, never thrown. */
public enum PublishStatus {
    OK,
    /** The bytes could not be made into a sample (shorter than a CDR header, or out of memory). */
    REJECTED,
    /** DDS refused the write (e.g. timeout on a full reliable history, or the writer was deleted). */
    FAILED
}
