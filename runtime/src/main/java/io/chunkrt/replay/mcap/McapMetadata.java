package io.chunkrt.replay.mcap;

import java.util.Map;

/** A Metadata record: a named map of strings (rosbag2 stores its bag metadata under the name "rosbag2"). */
public record McapMetadata(String name, Map<String, String> values) {
    public McapMetadata {
        values = Map.copyOf(values);
    }
}
