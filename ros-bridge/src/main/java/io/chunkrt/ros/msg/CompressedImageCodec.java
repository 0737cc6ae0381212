package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.CdrWriter;
import io.chunkrt.ros.cdr.SampleFault;

/** sensor_msgs/CompressedImage. */
public final class CompressedImageCodec implements MessageCodec<CompressedImageMessage> {
    public static final RosMessageType TYPE = new RosMessageType("sensor_msgs", "CompressedImage",
            "15640771531571185e2efc8a100baf923961a4d15d5569652e6cb6691e8e371a");
    public static final CompressedImageCodec INSTANCE = new CompressedImageCodec();

    private CompressedImageCodec() {}

    @Override
    public RosMessageType type() {
        return TYPE;
    }

    @Override
    public void encode(CompressedImageMessage m, CdrWriter out) {
        Header.encode(m.header, out);
        out.writeString(m.format);
        out.writeInt32(m.dataLength());
        out.writeBytes(m.data(), 0, m.dataLength());
    }

    @Override
    public SampleFault decodeBody(CdrReader in, CompressedImageMessage into) {
        Header.decode(in, into.header);
        in.readString(into.format);
        int n = in.readCount(1, 1, into.maxDataBytes());
        if (n < 0) {
            return in.fault();
        }
        in.readBytes(into.data(), 0, n);
        if (!in.ok()) {
            return in.fault();
        }
        into.setDataLength(n);
        return SampleFault.NONE;
    }
}
