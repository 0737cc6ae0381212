package io.chunkrt.ros.cdr;

/**
 * Why a received sample was dropped. Every dropped sample is counted under exactly one of these; none of
 * them is ever thrown. {@link #NONE} means the sample was decoded.
 */
public enum SampleFault {
    NONE("decoded"),
    TRUNCATED("a field runs past the end of the payload"),
    UNSUPPORTED_ENCAPSULATION("the encapsulation header is not plain CDR (00 00 big-endian or 00 01 little-endian)"),
    LENGTH_EXCEEDS_PAYLOAD("a string or sequence length is larger than the bytes left in the payload"),
    STRING_NOT_TERMINATED("a string does not end with its NUL byte"),
    INVALID_BOOLEAN("a bool byte is neither 0 nor 1"),
    CAPACITY_EXCEEDED("the message is well formed but larger than the capacity preallocated for it"),
    INCONSISTENT_LENGTHS("array lengths contradict each other (e.g. positions vs names, image data vs step x height)"),
    TRAILING_BYTES("more bytes follow the message than CDR padding explains"),
    SAMPLE_TOO_LARGE("the serialized sample is larger than the subscription's receive buffer");

    private final String meaning;

    SampleFault(String meaning) {
        this.meaning = meaning;
    }

    /** One phrase saying what was wrong, for diagnostics and logs. */
    public String meaning() {
        return meaning;
    }
}
