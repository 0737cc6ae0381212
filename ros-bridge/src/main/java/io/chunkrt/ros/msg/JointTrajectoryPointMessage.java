package io.chunkrt.ros.msg;

/**
 * trajectory_msgs/JointTrajectoryPoint: float64[] positions, velocities, accelerations, effort;
 * builtin_interfaces/Duration time_from_start. Arrays are empty or as long as the trajectory's joint names.
 */
public final class JointTrajectoryPointMessage {
    private final double[] positions;
    private final double[] velocities;
    private final double[] accelerations;
    private final double[] effort;
    private int positionCount;
    private int velocityCount;
    private int accelerationCount;
    private int effortCount;
    public final RosTime timeFromStart = new RosTime();

    public JointTrajectoryPointMessage(int maxJoints) {
        positions = new double[maxJoints];
        velocities = new double[maxJoints];
        accelerations = new double[maxJoints];
        effort = new double[maxJoints];
    }

    public int maxJoints() {
        return positions.length;
    }

    public double[] positions() {
        return positions;
    }

    public double[] velocities() {
        return velocities;
    }

    public double[] accelerations() {
        return accelerations;
    }

    public double[] efforts() {
        return effort;
    }

    public int positionCount() {
        return positionCount;
    }

    public int velocityCount() {
        return velocityCount;
    }

    public int accelerationCount() {
        return accelerationCount;
    }

    public int effortCount() {
        return effortCount;
    }

    public void setPositionCount(int n) {
        positionCount = check(n);
    }

    public void setVelocityCount(int n) {
        velocityCount = check(n);
    }

    public void setAccelerationCount(int n) {
        accelerationCount = check(n);
    }

    public void setEffortCount(int n) {
        effortCount = check(n);
    }

    private int check(int n) {
        if (n < 0 || n > positions.length) {
            throw new IllegalArgumentException("trajectory point has room for " + positions.length + " joints, not " + n);
        }
        return n;
    }
}
