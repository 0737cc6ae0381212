package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.RosString;

/**
 * trajectory_msgs/JointTrajectory: Header header, string[] joint_names, JointTrajectoryPoint[] points.
 * joint_trajectory_controller replaces its active trajectory with each message it receives; a zero
 * header.stamp means "start when first sampled"; time_from_start must strictly increase.
 */
public final class JointTrajectoryMessage {
    public static final int DEFAULT_NAME_BYTES = 64;

    public final Header header = new Header();
    private final RosString[] jointNames;
    private int jointCount;
    private final JointTrajectoryPointMessage[] points;
    private int pointCount;

    public JointTrajectoryMessage(int maxJoints, int maxPoints) {
        jointNames = new RosString[maxJoints];
        for (int i = 0; i < maxJoints; i++) {
            jointNames[i] = new RosString(DEFAULT_NAME_BYTES);
        }
        points = new JointTrajectoryPointMessage[maxPoints];
        for (int i = 0; i < maxPoints; i++) {
            points[i] = new JointTrajectoryPointMessage(maxJoints);
        }
    }

    public int maxJoints() {
        return jointNames.length;
    }

    public int maxPoints() {
        return points.length;
    }

    public int jointCount() {
        return jointCount;
    }

    public RosString jointName(int i) {
        if (i >= jointCount) {
            throw new IndexOutOfBoundsException("joint " + i + " of " + jointCount);
        }
        return jointNames[i];
    }

    public RosString jointNameSlot(int i) {
        return jointNames[i];
    }

    public void setJointCount(int n) {
        if (n < 0 || n > jointNames.length) {
            throw new IllegalArgumentException("trajectory has room for " + jointNames.length + " joints, not " + n);
        }
        jointCount = n;
    }

    /** Start-up convenience: sets the joint names. */
    public JointTrajectoryMessage setJointNames(String... names) {
        setJointCount(names.length);
        for (int i = 0; i < names.length; i++) {
            if (!jointNames[i].set(names[i])) {
                throw new IllegalArgumentException("joint name '" + names[i] + "' is longer than the " + jointNames[i].capacity() + "-byte capacity");
            }
        }
        return this;
    }

    /**
     * Fills the points from rows of an action chunk laid out row after row ({@code chunk[row * stride + column]},
     * the card's action order): point k takes row {@code firstRow + k}, picks {@code columns[i]} for joint i (the
     * controller's order) and is due {@code (k + 1) * periodNs} after the start, so time_from_start strictly
     * increases. Only positions are set. The header stamp is left to the caller (0 = start now). No allocation.
     *
     * @return the number of points written: {@code min(rows, maxPoints())}
     */
    public int setPositionPoints(double[] chunk, int stride, int firstRow, int rows, int[] columns, long periodNs) {
        if (columns.length != jointCount) {
            throw new IllegalArgumentException("trajectory has " + jointCount + " joints but " + columns.length + " columns were given");
        }
        int n = Math.min(rows, points.length);
        for (int k = 0; k < n; k++) {
            JointTrajectoryPointMessage p = points[k];
            int row = (firstRow + k) * stride;
            double[] pos = p.positions();
            for (int i = 0; i < columns.length; i++) {
                pos[i] = chunk[row + columns[i]];
            }
            p.setPositionCount(columns.length);
            p.setVelocityCount(0);
            p.setAccelerationCount(0);
            p.setEffortCount(0);
            p.timeFromStart.setNanos((k + 1) * periodNs);
        }
        pointCount = n;
        return n;
    }

    public int pointCount() {
        return pointCount;
    }

    public JointTrajectoryPointMessage point(int i) {
        if (i >= pointCount) {
            throw new IndexOutOfBoundsException("point " + i + " of " + pointCount);
        }
        return points[i];
    }

    public JointTrajectoryPointMessage pointSlot(int i) {
        return points[i];
    }

    public void setPointCount(int n) {
        if (n < 0 || n > points.length) {
            throw new IllegalArgumentException("trajectory has room for " + points.length + " points, not " + n);
        }
        pointCount = n;
    }
}
