package io.chunkrt.control;

/** Where safe commands go: a simulated arm, a replay log, or the ROS publisher's ring. Never blocks. */
public interface CommandSink {
    void write(double[] command, long nowNs);
}
