package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.CdrWriter;
import io.chunkrt.ros.cdr.SampleFault;

/** std_msgs/Float64MultiArray. */
public final class Float64MultiArrayCodec implements MessageCodec<Float64MultiArrayMessage> {
    public static final RosMessageType TYPE = new RosMessageType("std_msgs", "Float64MultiArray",
            "1025ddc6b9552d191f89ef1a8d2f60f3d373e28b283d8891ddcc974e8c55397f");
    public static final RosMessageType DIMENSION_TYPE = new RosMessageType("std_msgs", "MultiArrayDimension",
            "5e773a60a4c7fc8a54985f307c7837aa2994252a126c301957a24e31282c9cbe");
    public static final RosMessageType LAYOUT_TYPE = new RosMessageType("std_msgs", "MultiArrayLayout",
            "4c66e6f78e740ac103a94cf63259f968e48c617e7699e829b63c21a5cb50dac6");
    public static final Float64MultiArrayCodec INSTANCE = new Float64MultiArrayCodec();

    /** A dimension is at least a 4-byte label length, size and stride. */
    private static final int MIN_DIMENSION_BYTES = 12;

    private Float64MultiArrayCodec() {}

    @Override
    public RosMessageType type() {
        return TYPE;
    }

    @Override
    public void encode(Float64MultiArrayMessage m, CdrWriter out) {
        int dims = m.dimCount();
        out.writeInt32(dims);
        for (int i = 0; i < dims; i++) {
            MultiArrayDimension d = m.dimSlot(i);
            out.writeString(d.label);
            out.writeUint32(d.size);
            out.writeUint32(d.stride);
        }
        out.writeUint32(m.dataOffset);
        out.writeInt32(m.dataLength());
        out.writeFloat64s(m.data(), m.dataLength());
    }

    @Override
    public SampleFault decodeBody(CdrReader in, Float64MultiArrayMessage into) {
        int dims = in.readCount(4, MIN_DIMENSION_BYTES, into.maxDims());
        if (dims < 0) {
            return in.fault();
        }
        for (int i = 0; i < dims; i++) {
            MultiArrayDimension d = into.dimSlot(i);
            in.readString(d.label);
            d.size = in.readUint32();
            d.stride = in.readUint32();
        }
        into.setDimCount(dims);
        into.dataOffset = in.readUint32();
        int n = in.readCount(8, 8, into.maxData());
        if (n < 0) {
            return in.fault();
        }
        in.readFloat64s(into.data(), n);
        into.setDataLength(n);
        return in.fault();
    }
}
