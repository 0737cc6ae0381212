package io.chunkrt.ros.interop;

import io.chunkrt.ros.msg.Float64MultiArrayMessage;
import io.chunkrt.ros.msg.JointTrajectoryMessage;
import io.chunkrt.ros.msg.JointTrajectoryPointMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deterministic content the test peers send (mirrors fill_joint_state / fill_image in cyclone_peer.c and
 * fastdds_peer.cpp) and the key=value form in which they print what they receive.
 */
final class PeerContent {
    private PeerContent() {}

    static String jointName(int i) {
        return "joint_" + i;
    }

    static double position(int i, int seq) {
        return (i + 1) * 0.125 - 1.0 + seq;
    }

    static double velocity(int i) {
        return -0.5 * i;
    }

    static double effort(int i) {
        return 0.25 * i * i;
    }

    static int pixel(int k, int seq) {
        return (int) (((k * 31L) + seq * 7L + (k >>> 11)) & 0xff);
    }

    static String bits(double v) {
        return String.format("%016x", Double.doubleToRawLongBits(v));
    }

    /** What a peer prints for a Float64MultiArray. */
    static Map<String, String> fields(Float64MultiArrayMessage m) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("layout.dim_count", Integer.toString(m.dimCount()));
        for (int i = 0; i < m.dimCount(); i++) {
            f.put("layout.dim[" + i + "].label", m.dim(i).label.toString());
            f.put("layout.dim[" + i + "].size", Long.toString(m.dim(i).size));
            f.put("layout.dim[" + i + "].stride", Long.toString(m.dim(i).stride));
        }
        f.put("layout.data_offset", Long.toString(m.dataOffset));
        doubles(f, "data", m.data(), m.dataLength());
        return f;
    }

    /** What a peer prints for a JointTrajectory. */
    static Map<String, String> fields(JointTrajectoryMessage m) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("header.stamp.sec", Integer.toString(m.header.stamp.sec()));
        f.put("header.stamp.nanosec", Long.toString(m.header.stamp.nanosec()));
        f.put("header.frame_id", m.header.frameId.toString());
        f.put("joint_names_count", Integer.toString(m.jointCount()));
        for (int i = 0; i < m.jointCount(); i++) {
            f.put("joint_names[" + i + "]", m.jointName(i).toString());
        }
        f.put("points_count", Integer.toString(m.pointCount()));
        for (int i = 0; i < m.pointCount(); i++) {
            JointTrajectoryPointMessage p = m.point(i);
            String pre = "points[" + i + "].";
            doubles(f, pre + "positions", p.positions(), p.positionCount());
            doubles(f, pre + "velocities", p.velocities(), p.velocityCount());
            doubles(f, pre + "accelerations", p.accelerations(), p.accelerationCount());
            doubles(f, pre + "effort", p.efforts(), p.effortCount());
            f.put(pre + "time_from_start.sec", Integer.toString(p.timeFromStart.sec()));
            f.put(pre + "time_from_start.nanosec", Long.toString(p.timeFromStart.nanosec()));
        }
        return f;
    }

    private static void doubles(Map<String, String> f, String prefix, double[] v, int n) {
        f.put(prefix + "_count", Integer.toString(n));
        for (int i = 0; i < n; i++) {
            f.put(prefix + "[" + i + "]", bits(v[i]));
        }
    }
}
