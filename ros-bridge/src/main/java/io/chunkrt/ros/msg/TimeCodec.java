package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.CdrWriter;
import io.chunkrt.ros.cdr.SampleFault;

/** builtin_interfaces/Time and builtin_interfaces/Duration: int32 sec, uint32 nanosec. */
public final class TimeCodec implements MessageCodec<RosTime> {
    public static final RosMessageType TIME = new RosMessageType("builtin_interfaces", "Time",
            "b106235e25a4c5ed35098aa0a61a3ee9c9b18d197f398b0e4206cea9acf9c197");
    public static final RosMessageType DURATION = new RosMessageType("builtin_interfaces", "Duration",
            "e8d009f659816f758b75334ee1a9ca5b5c0b859843261f14c7f937349599d93b");

    /** Codec for builtin_interfaces/Time. */
    public static final TimeCodec TIME_CODEC = new TimeCodec(TIME);
    /** Codec for builtin_interfaces/Duration (same layout, different type name). */
    public static final TimeCodec DURATION_CODEC = new TimeCodec(DURATION);

    private final RosMessageType type;

    private TimeCodec(RosMessageType type) {
        this.type = type;
    }

    @Override
    public RosMessageType type() {
        return type;
    }

    @Override
    public void encode(RosTime message, CdrWriter out) {
        encodeTime(message, out);
    }

    @Override
    public SampleFault decodeBody(CdrReader in, RosTime into) {
        decodeTime(in, into);
        return in.fault();
    }

    static void encodeTime(RosTime t, CdrWriter out) {
        out.writeInt32(t.sec());
        out.writeUint32(t.nanosec());
    }

    static void decodeTime(CdrReader in, RosTime into) {
        int sec = in.readInt32();
        long nanosec = in.readUint32();
        into.set(sec, nanosec);
    }
}
