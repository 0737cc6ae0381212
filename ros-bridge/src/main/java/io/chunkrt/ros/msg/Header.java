package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.CdrWriter;
import io.chunkrt.ros.cdr.RosString;

/** std_msgs/Header: builtin_interfaces/Time stamp, string frame_id. */
public final class Header {
    public static final int DEFAULT_FRAME_ID_BYTES = 128;

    public final RosTime stamp = new RosTime();
    public final RosString frameId;

    public Header() {
        this(DEFAULT_FRAME_ID_BYTES);
    }

    public Header(int frameIdCapacityBytes) {
        this.frameId = new RosString(frameIdCapacityBytes);
    }

    static void encode(Header h, CdrWriter out) {
        TimeCodec.encodeTime(h.stamp, out);
        out.writeString(h.frameId);
    }

    static void decode(CdrReader in, Header into) {
        TimeCodec.decodeTime(in, into.stamp);
        in.readString(into.frameId);
    }

    public Header copyFrom(Header other) {
        stamp.copyFrom(other.stamp);
        frameId.copyFrom(other.frameId);
        return this;
    }
}
