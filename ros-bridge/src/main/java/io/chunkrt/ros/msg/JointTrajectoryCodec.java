package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.CdrWriter;
import io.chunkrt.ros.cdr.SampleFault;

/** trajectory_msgs/JointTrajectory with its JointTrajectoryPoints. */
public final class JointTrajectoryCodec implements MessageCodec<JointTrajectoryMessage> {
    public static final RosMessageType TYPE = new RosMessageType("trajectory_msgs", "JointTrajectory",
            "179b33eba59d676f6d967ac71fe35e7ca2f64b2f3928f4a018cec115e213796e");
    public static final RosMessageType POINT_TYPE = new RosMessageType("trajectory_msgs", "JointTrajectoryPoint",
            "de8907036d8bd45aac6f30cc9044a3d4a329c42cbf719aff7d95a584cfa532d7");
    public static final JointTrajectoryCodec INSTANCE = new JointTrajectoryCodec();

    /** Four empty sequences and a duration. */
    private static final int MIN_POINT_BYTES = 24;

    private JointTrajectoryCodec() {}

    @Override
    public RosMessageType type() {
        return TYPE;
    }

    @Override
    public void encode(JointTrajectoryMessage m, CdrWriter out) {
        Header.encode(m.header, out);
        out.writeInt32(m.jointCount());
        for (int i = 0; i < m.jointCount(); i++) {
            out.writeString(m.jointNameSlot(i));
        }
        out.writeInt32(m.pointCount());
        for (int i = 0; i < m.pointCount(); i++) {
            JointTrajectoryPointMessage p = m.pointSlot(i);
            out.writeInt32(p.positionCount());
            out.writeFloat64s(p.positions(), p.positionCount());
            out.writeInt32(p.velocityCount());
            out.writeFloat64s(p.velocities(), p.velocityCount());
            out.writeInt32(p.accelerationCount());
            out.writeFloat64s(p.accelerations(), p.accelerationCount());
            out.writeInt32(p.effortCount());
            out.writeFloat64s(p.efforts(), p.effortCount());
            TimeCodec.encodeTime(p.timeFromStart, out);
        }
    }

    @Override
    public SampleFault decodeBody(CdrReader in, JointTrajectoryMessage into) {
        Header.decode(in, into.header);
        int joints = in.readCount(4, 4, into.maxJoints());
        if (joints < 0) {
            return in.fault();
        }
        for (int i = 0; i < joints; i++) {
            in.readString(into.jointNameSlot(i));
        }
        into.setJointCount(joints);
        int points = in.readCount(4, MIN_POINT_BYTES, into.maxPoints());
        if (points < 0) {
            return in.fault();
        }
        for (int i = 0; i < points && in.ok(); i++) {
            JointTrajectoryPointMessage p = into.pointSlot(i);
            int np = readArray(in, p.positions(), p.maxJoints());
            int nv = readArray(in, p.velocities(), p.maxJoints());
            int na = readArray(in, p.accelerations(), p.maxJoints());
            int ne = readArray(in, p.efforts(), p.maxJoints());
            TimeCodec.decodeTime(in, p.timeFromStart);
            if (!in.ok()) {
                return in.fault();
            }
            if (bad(np, joints) || bad(nv, joints) || bad(na, joints) || bad(ne, joints)) {
                return in.fail(SampleFault.INCONSISTENT_LENGTHS);
            }
            p.setPositionCount(np);
            p.setVelocityCount(nv);
            p.setAccelerationCount(na);
            p.setEffortCount(ne);
        }
        if (!in.ok()) {
            return in.fault();
        }
        into.setPointCount(points);
        return SampleFault.NONE;
    }

    private static boolean bad(int n, int joints) {
        return n != 0 && n != joints;
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
