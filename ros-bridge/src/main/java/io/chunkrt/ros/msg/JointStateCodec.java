package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.CdrWriter;
import io.chunkrt.ros.cdr.SampleFault;

/** sensor_msgs/JointState. */
public final class JointStateCodec implements MessageCodec<JointStateMessage> {
    public static final RosMessageType TYPE = new RosMessageType("sensor_msgs", "JointState",
            "a13ee3a330e346c9d87b5aa18d24e11690752bd33a0350f11c5882bc9179260e");
    public static final JointStateCodec INSTANCE = new JointStateCodec();

    private JointStateCodec() {}

    @Override
    public RosMessageType type() {
        return TYPE;
    }

    @Override
    public void encode(JointStateMessage m, CdrWriter out) {
        Header.encode(m.header, out);
        int n = m.nameCount();
        out.writeInt32(n);
        for (int i = 0; i < n; i++) {
            out.writeString(m.nameSlot(i));
        }
        out.writeInt32(m.positionCount());
        out.writeFloat64s(m.positions(), m.positionCount());
        out.writeInt32(m.velocityCount());
        out.writeFloat64s(m.velocities(), m.velocityCount());
        out.writeInt32(m.effortCount());
        out.writeFloat64s(m.efforts(), m.effortCount());
    }

    @Override
    public SampleFault decodeBody(CdrReader in, JointStateMessage into) {
        Header.decode(in, into.header);
        int names = in.readCount(4, 4, into.maxJoints());
        if (names < 0) {
            return in.fault();
        }
        for (int i = 0; i < names; i++) {
            in.readString(into.nameSlot(i));
        }
        into.setNameCount(names);
        int p = readArray(in, into.positions(), into.maxJoints());
        int v = readArray(in, into.velocities(), into.maxJoints());
        int e = readArray(in, into.efforts(), into.maxJoints());
        if (!in.ok()) {
            return in.fault();
        }
        if ((p != 0 && p != names) || (v != 0 && v != names) || (e != 0 && e != names)) {
            return in.fail(SampleFault.INCONSISTENT_LENGTHS);
        }
        into.setPositionCount(p);
        into.setVelocityCount(v);
        into.setEffortCount(e);
        return SampleFault.NONE;
    }

    private static int readArray(CdrReader in, double[] dst, int capacity) {
        int n = in.readCount(8, 8, capacity);
        if (n <= 0) {
            return 0;
        }
        in.readFloat64s(dst, n);
        return n;
    }
}
