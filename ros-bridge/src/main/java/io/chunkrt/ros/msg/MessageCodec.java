package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.CdrWriter;
import io.chunkrt.ros.cdr.SampleFault;

/**
 * Encodes and decodes one message type in XCDR1. Codecs are stateless; the message objects are reusable,
 * preallocated containers, so neither direction allocates.
 *
 * @param <M> the reusable message container
 */
public interface MessageCodec<M> {
    RosMessageType type();

    /** Writes the body of {@code message} (the writer has already written the header). */
    void encode(M message, CdrWriter out);

    /**
     * Reads a body into {@code into}. Never throws for malformed input: returns the fault instead.
     * After a fault the content of {@code into} is unspecified and must not be used.
     */
    SampleFault decodeBody(CdrReader in, M into);

    /** Decodes one complete sample (header, body, at most CDR padding after it). */
    default SampleFault decode(CdrReader reader, byte[] sample, int offset, int length, M into) {
        SampleFault f = reader.begin(sample, offset, length);
        if (f != SampleFault.NONE) {
            return f;
        }
        decodeBody(reader, into);
        return reader.end();
    }

    /** Encodes one complete sample, header included, into a fresh array (start-up paths and tests). */
    default byte[] encodeToArray(M message) {
        CdrWriter w = CdrWriter.growable(256);
        encode(message, w);
        return w.toByteArray();
    }
}
