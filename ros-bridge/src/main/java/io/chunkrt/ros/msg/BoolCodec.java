package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.CdrWriter;
import io.chunkrt.ros.cdr.SampleFault;

/** std_msgs/Bool: one byte, 0 or 1. */
public final class BoolCodec implements MessageCodec<BoolMessage> {
    public static final RosMessageType TYPE = new RosMessageType("std_msgs", "Bool",
            "feb91e995ff9ebd09c0cb3d2aed18b11077585839fb5db80193b62d74528f6c9");
    public static final BoolCodec INSTANCE = new BoolCodec();

    private BoolCodec() {}

    @Override
    public RosMessageType type() {
        return TYPE;
    }

    @Override
    public void encode(BoolMessage message, CdrWriter out) {
        out.writeBool(message.data);
    }

    @Override
    public SampleFault decodeBody(CdrReader in, BoolMessage into) {
        into.data = in.readBool();
        return in.fault();
    }
}
