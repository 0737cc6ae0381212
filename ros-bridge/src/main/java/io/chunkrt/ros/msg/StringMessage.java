package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.RosString;

/** std_msgs/String. */
public final class StringMessage {
    public final RosString data;

    public StringMessage(int capacityBytes) {
        this.data = new RosString(capacityBytes);
    }
}
