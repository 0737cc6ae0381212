package io.chunkrt.replay.mcap;

import java.util.Map;

/** A Channel record: one publisher's stream on a topic; schemaId 0 means no schema. */
public record McapChannel(int id, int schemaId, String topic, String messageEncoding, Map<String, String> metadata) {
    public McapChannel {
        if (id < 0 || id > 0xFFFF || schemaId < 0 || schemaId > 0xFFFF) {
            throw new IllegalArgumentException("channel id " + id + " / schema id " + schemaId + " outside 0..65535");
        }
        if (topic == null || messageEncoding == null) {
            throw new IllegalArgumentException("channel " + id + " needs a topic and a message encoding");
        }
        metadata = Map.copyOf(metadata);
    }
}
