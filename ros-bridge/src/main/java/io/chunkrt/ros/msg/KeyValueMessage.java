package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.RosString;

/** diagnostic_msgs/KeyValue: string key, string value. */
public final class KeyValueMessage {
    public final RosString key;
    public final RosString value;

    public KeyValueMessage(int keyBytes, int valueBytes) {
        key = new RosString(keyBytes);
        value = new RosString(valueBytes);
    }
}
