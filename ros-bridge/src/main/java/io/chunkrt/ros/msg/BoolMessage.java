package io.chunkrt.ros.msg;

/** std_msgs/Bool. */
public final class BoolMessage {
    public boolean data;
}
