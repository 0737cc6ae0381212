package io.chunkrt.replay.mcap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A Schema record: id (never 0), name (for ROS 2 the type, e.g. std_msgs/msg/String), encoding and data. */
public record McapSchema(int id, String name, String encoding, byte[] data) {
    public McapSchema {
        if (id <= 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("schema id " + id + " is outside 1..65535");
        }
        if (name == null || encoding == null || data == null) {
            throw new IllegalArgumentException("schema " + id + " needs a name, an encoding and data (may be empty)");
        }
    }

    /** The schema data as UTF-8 text (a .msg definition for ros2msg). */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof McapSchema s && s.id == id && s.name.equals(name) && s.encoding.equals(encoding)
                && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return (id * 31 + name.hashCode()) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "McapSchema[id=" + id + ", name=" + name + ", encoding=" + encoding + ", " + data.length + " bytes]";
    }
}
