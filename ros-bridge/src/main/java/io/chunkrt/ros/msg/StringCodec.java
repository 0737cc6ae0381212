package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.CdrWriter;
import io.chunkrt.ros.cdr.SampleFault;

/** std_msgs/String: one CDR string. */
public final class StringCodec implements MessageCodec<StringMessage> {
    public static final RosMessageType TYPE = new RosMessageType("std_msgs", "String",
            "df668c740482bbd48fb39d76a70dfd4bd59db1288021743503259e948f6b1a18");
    public static final StringCodec INSTANCE = new StringCodec();

    private StringCodec() {}

    @Override
    public RosMessageType type() {
        return TYPE;
    }

    @Override
    public void encode(StringMessage message, CdrWriter out) {
        out.writeString(message.data);
    }

    @Override
    public SampleFault decodeBody(CdrReader in, StringMessage into) {
        in.readString(into.data);
        return in.fault();
    }
}
