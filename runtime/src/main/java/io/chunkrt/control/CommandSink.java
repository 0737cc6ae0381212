package io.chunkrt.control;

/** Where safe commands go: a simulated arm, a replay log, or the ROS publisher's ring. Never blocks. */
public interface CommandSink {
    void write(double[] command, long nowNs);

    /**
     * Commands stop flowing (the loop was disabled after it had been commanding): a sink whose controller keeps
     * executing a plan on its own (a joint trajectory controller) tells it to hold here. Same thread as
     * {@link #write}; never blocks.
     */
    default void stopped(long nowNs) {}
}
