package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.CdrWriter;
import io.chunkrt.ros.cdr.SampleFault;

/** std_msgs/Header as a message of its own. */
public final class HeaderCodec implements MessageCodec<Header> {
    public static final RosMessageType TYPE = new RosMessageType("std_msgs", "Header",
            "f49fb3ae2cf070f793645ff749683ac6b06203e41c891e17701b1cb597ce6a01");
    public static final HeaderCodec INSTANCE = new HeaderCodec();

    private HeaderCodec() {}

    @Override
    public RosMessageType type() {
        return TYPE;
    }

    @Override
    public void encode(Header message, CdrWriter out) {
        Header.encode(message, out);
    }

    @Override
    public SampleFault decodeBody(CdrReader in, Header into) {
        Header.decode(in, into);
        return in.fault();
    }
}
