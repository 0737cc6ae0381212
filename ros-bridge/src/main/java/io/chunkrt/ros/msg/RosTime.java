package io.chunkrt.ros.msg;

/** builtin_interfaces/Time (and the same layout for Duration): int32 sec, uint32 nanosec. Mutable, reusable. */
public final class RosTime {
    public static final long NANOS_PER_SECOND = 1_000_000_000L;

    private int sec;
    private int nanosec; // uint32 on the wire

    public int sec() {
        return sec;
    }

    /** The nanoseconds field as an unsigned value. */
    public long nanosec() {
        return nanosec & 0xFFFF_FFFFL;
    }

    public RosTime set(int sec, long nanosec) {
        this.sec = sec;
        this.nanosec = (int) nanosec;
        return this;
    }

    /** Sets from nanoseconds since the epoch (or, for a duration, signed nanoseconds), normalized as rclcpp does. */
    public RosTime setNanos(long nanos) {
        long s = Math.floorDiv(nanos, NANOS_PER_SECOND);
        this.sec = (int) s;
        this.nanosec = (int) (nanos - s * NANOS_PER_SECOND);
        return this;
    }

    /** sec * 1e9 + nanosec; for Time this is nanoseconds since the epoch. */
    public long toNanos() {
        return sec * NANOS_PER_SECOND + nanosec();
    }

    public RosTime copyFrom(RosTime other) {
        this.sec = other.sec;
        this.nanosec = other.nanosec;
        return this;
    }

    public boolean isZero() {
        return sec == 0 && nanosec == 0;
    }

    @Override
    public String toString() {
        return sec + "s+" + nanosec() + "ns";
    }
}
