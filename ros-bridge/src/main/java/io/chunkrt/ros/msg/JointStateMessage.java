package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.RosString;

/**
 * sensor_msgs/JointState as a reusable container: Header header, string[] name, float64[] position,
 * float64[] velocity, float64[] effort. Capacities are fixed at construction; decoding into it never
 * allocates. Arrays are either empty or as long as {@code name}.
 */
public final class JointStateMessage {
    public static final int DEFAULT_NAME_BYTES = 64;

    public final Header header = new Header();
    private final RosString[] names;
    private int nameCount;
    private final double[] position;
    private final double[] velocity;
    private final double[] effort;
    private int positionCount;
    private int velocityCount;
    private int effortCount;

    public JointStateMessage(int maxJoints) {
        this(maxJoints, DEFAULT_NAME_BYTES);
    }

    public JointStateMessage(int maxJoints, int nameCapacityBytes) {
        if (maxJoints < 0) {
            throw new IllegalArgumentException("maxJoints " + maxJoints + " is negative");
        }
        names = new RosString[maxJoints];
        for (int i = 0; i < maxJoints; i++) {
            names[i] = new RosString(nameCapacityBytes);
        }
        position = new double[maxJoints];
        velocity = new double[maxJoints];
        effort = new double[maxJoints];
    }

    public int maxJoints() {
        return names.length;
    }

    public int nameCount() {
        return nameCount;
    }

    public RosString name(int i) {
        check(i, nameCount);
        return names[i];
    }

    public int positionCount() {
        return positionCount;
    }

    public int velocityCount() {
        return velocityCount;
    }

    public int effortCount() {
        return effortCount;
    }

    public double position(int i) {
        check(i, positionCount);
        return position[i];
    }

    public double velocity(int i) {
        check(i, velocityCount);
        return velocity[i];
    }

    public double effort(int i) {
        check(i, effortCount);
        return effort[i];
    }

    /** Backing arrays, valid up to their counts; fill them and set the counts to build a message. */
    public double[] positions() {
        return position;
    }

    public double[] velocities() {
        return velocity;
    }

    public double[] efforts() {
        return effort;
    }

    /** Sets how many names are in use (their content is set through {@link #nameSlot(int)}). */
    public void setNameCount(int count) {
        this.nameCount = checkCount(count);
    }

    public void setPositionCount(int count) {
        this.positionCount = checkCount(count);
    }

    public void setVelocityCount(int count) {
        this.velocityCount = checkCount(count);
    }

    public void setEffortCount(int count) {
        this.effortCount = checkCount(count);
    }

    /** The preallocated name at {@code i}, in use or not. */
    public RosString nameSlot(int i) {
        return names[i];
    }

    /** Start-up convenience: sets the names (allocation-free for ASCII names that fit). */
    public JointStateMessage setNames(String... jointNames) {
        setNameCount(jointNames.length);
        for (int i = 0; i < jointNames.length; i++) {
            if (!names[i].set(jointNames[i])) {
                throw new IllegalArgumentException("joint name '" + jointNames[i] + "' is longer than the " + names[i].capacity() + "-byte capacity");
            }
        }
        return this;
    }

    private int checkCount(int count) {
        if (count < 0 || count > names.length) {
            throw new IllegalArgumentException("joint state has room for " + names.length + " joints, not " + count);
        }
        return count;
    }

    private static void check(int i, int count) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("index " + i + " of " + count);
        }
    }
}
