package io.chunkrt.replay.bag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chunkrt.replay.RecordingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * rosbag2's metadata.yaml: reads versions 4 to 9 (v5 added files, v6 custom_data, v7 type_description_hash, v8
 * ros_distro, v9 offered_qos_profiles as a YAML sequence instead of a string) and writes version 9 as rosbag2 does.
 */
public final class BagMetadataYaml {
    public static final String FILE_NAME = "metadata.yaml";
    public static final int MIN_VERSION = 4;
    public static final int MAX_VERSION = 9;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** What metadata.yaml says, before any storage file is opened. */
    public record Contents(int version, String storageId, List<String> relativeFilePaths, List<TopicMessageCount> topics,
            long messageCount, long startNs, long durationNs, String compressionFormat, String compressionMode,
            String rosDistro, Map<String, String> customData) {
        public Contents {
            relativeFilePaths = List.copyOf(relativeFilePaths);
            topics = List.copyOf(topics);
            customData = Map.copyOf(customData);
        }
    }

    private BagMetadataYaml() {
    }

    public static Contents read(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new RecordingException("bag metadata '" + file + "' is not readable YAML: " + reason, e);
        }
        JsonNode info = root == null ? null : root.get("rosbag2_bagfile_information");
        if (info == null || !info.isObject()) {
            throw new RecordingException("bag metadata '" + file + "' has no 'rosbag2_bagfile_information' section; it is not"
                    + " a rosbag2 metadata.yaml (remove it to read the bag from its storage files alone)");
        }
        int version = (int) number(info, "version", file);
        if (version < MIN_VERSION || version > MAX_VERSION) {
            throw new RecordingException("bag metadata '" + file + "' has version " + version + "; ChunkRT reads versions "
                    + MIN_VERSION + " to " + MAX_VERSION + " (rosbag2 Foxy to Jazzy); re-save it with a matching"
                    + " 'ros2 bag reindex' or remove it to read the storage files alone");
        }
        List<String> paths = new ArrayList<>();
        for (JsonNode p : array(info, "relative_file_paths", file)) {
            paths.add(p.asText());
        }
        List<TopicMessageCount> topics = new ArrayList<>();
        int i = 0;
        for (JsonNode t : array(info, "topics_with_message_count", file)) {
            JsonNode m = t.get("topic_metadata");
            if (m == null) {
                throw missing(file, "topics_with_message_count[" + i + "].topic_metadata");
            }
            String where = "topics_with_message_count[" + i + "].topic_metadata.";
            BagTopic topic = new BagTopic(text(m, "name", file, where), text(m, "type", file, where),
                    text(m, "serialization_format", file, where), qosText(m.get("offered_qos_profiles")),
                    m.hasNonNull("type_description_hash") ? m.get("type_description_hash").asText() : "");
            topics.add(new TopicMessageCount(topic, number(t, "message_count", file)));
            i++;
        }
        JsonNode duration = info.get("duration");
        JsonNode start = info.get("starting_time");
        long durationNs = duration == null ? 0 : number(duration, "nanoseconds", file);
        long startNs = start == null ? 0 : number(start, "nanoseconds_since_epoch", file);
        Map<String, String> custom = new java.util.LinkedHashMap<>();
        JsonNode customNode = info.get("custom_data");
        if (customNode != null && customNode.isObject()) {
            customNode.properties().forEach(e -> custom.put(e.getKey(), e.getValue().asText()));
        }
        return new Contents(version, text(info, "storage_identifier", file, ""), paths, topics,
                number(info, "message_count", file), startNs, durationNs, optionalText(info, "compression_format"),
                optionalText(info, "compression_mode"), optionalText(info, "ros_distro"), custom);
    }

    /** v4-v8 store the QoS profiles as YAML text; v9 as a sequence, which is turned back into YAML text here. */
    private static String qosText(JsonNode qos) {
        if (qos == null || qos.isNull()) {
            return "";
        }
        if (qos.isTextual()) {
            return qos.asText();
        }
        StringBuilder out = new StringBuilder();
        emit(out, qos, 0, false);
        return out.toString().stripTrailing();
    }

    private static long number(JsonNode node, String field, Path file) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw missing(file, field);
        }
        if (v.canConvertToLong()) {
            return v.asLong();
        }
        try {
            return Long.parseUnsignedLong(v.asText().trim());
        } catch (NumberFormatException e) {
            throw new RecordingException("bag metadata '" + file + "' field '" + field + "' is '" + v.asText()
                    + "', not a whole number");
        }
    }

    private static String text(JsonNode node, String field, Path file, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw missing(file, where + field);
        }
        return v.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static Iterable<JsonNode> array(JsonNode node, String field, Path file) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new RecordingException("bag metadata '" + file + "' field '" + field + "' is not a list");
        }
        return v;
    }

    private static RecordingException missing(Path file, String field) {
        return new RecordingException("bag metadata '" + file + "' lacks the field '" + field
                + "'; it is incomplete (re-create it with 'ros2 bag reindex' or remove it)");
    }

    /** Writes version 9 metadata as rosbag2 lays it out (two-space indent, sequences indented under their key). */
    public static String write(Contents c, List<BagFileInfo> files, Path bagDir) {
        StringBuilder y = new StringBuilder("rosbag2_bagfile_information:\n");
        y.append("  version: ").append(MAX_VERSION).append('\n');
        y.append("  storage_identifier: ").append(c.storageId()).append('\n');
        y.append("  duration:\n    nanoseconds: ").append(c.durationNs()).append('\n');
        y.append("  starting_time:\n    nanoseconds_since_epoch: ").append(c.startNs()).append('\n');
        y.append("  message_count: ").append(c.messageCount()).append('\n');
        y.append("  topics_with_message_count:").append(c.topics().isEmpty() ? " []\n" : "\n");
        for (TopicMessageCount t : c.topics()) {
            BagTopic topic = t.topic();
            y.append("    - topic_metadata:\n");
            y.append("        name: ").append(scalar(topic.name())).append('\n');
            y.append("        type: ").append(scalar(topic.type())).append('\n');
            y.append("        serialization_format: ").append(scalar(topic.serializationFormat())).append('\n');
            y.append("        offered_qos_profiles:");
            JsonNode qos = parseQos(topic.offeredQosProfiles());
            if (qos == null || qos.isEmpty()) {
                y.append(" []\n");
            } else {
                y.append('\n');
                emit(y, qos, 10, false);
            }
            y.append("        type_description_hash: ").append(scalar(topic.typeDescriptionHash())).append('\n');
            y.append("      message_count: ").append(t.messageCount()).append('\n');
        }
        y.append("  compression_format: ").append(scalar(c.compressionFormat())).append('\n');
        y.append("  compression_mode: ").append(scalar(c.compressionMode())).append('\n');
        y.append("  relative_file_paths:").append(c.relativeFilePaths().isEmpty() ? " []\n" : "\n");
        for (String p : c.relativeFilePaths()) {
            y.append("    - ").append(scalar(p)).append('\n');
        }
        y.append("  files:").append(files.isEmpty() ? " []\n" : "\n");
        for (BagFileInfo f : files) {
            y.append("    - path: ").append(scalar(bagDir.relativize(f.path()).toString())).append('\n');
            y.append("      starting_time:\n        nanoseconds_since_epoch: ").append(f.messageCount() == 0 ? 0 : f.startNs()).append('\n');
            y.append("      duration:\n        nanoseconds: ").append(f.messageCount() == 0 ? 0 : f.endNs() - f.startNs()).append('\n');
            y.append("      message_count: ").append(f.messageCount()).append('\n');
        }
        if (c.customData().isEmpty()) {
            y.append("  custom_data: ~\n");
        } else {
            y.append("  custom_data:\n");
            c.customData().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                    y.append("    ").append(scalar(e.getKey())).append(": ").append(scalar(e.getValue())).append('\n'));
        }
        y.append("  ros_distro: ").append(scalar(c.rosDistro())).append('\n');
        return y.toString();
    }

    private static JsonNode parseQos(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode n = YAML.readTree(text);
            return n != null && n.isArray() ? n : null;
        } catch (IOException e) {
            throw new IllegalArgumentException("offered_qos_profiles is not a YAML list: " + e.getMessage(), e);
        }
    }

    /** Block-style YAML of a node at {@code indent}; sequences of maps as "- key: v" with keys aligned. */
    private static void emit(StringBuilder y, JsonNode node, int indent, boolean inlineFirst) {
        String pad = " ".repeat(indent);
        if (node.isArray()) {
            for (JsonNode item : node) {
                y.append(pad).append("- ");
                if (item.isContainerNode() && !item.isEmpty()) {
                    emit(y, item, indent + 2, true);
                } else {
                    y.append(scalar(item)).append('\n');
                }
            }
        } else if (node.isObject()) {
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                y.append(first && inlineFirst ? "" : pad).append(scalar(e.getKey())).append(':');
                first = false;
                JsonNode v = e.getValue();
                if (v.isContainerNode() && !v.isEmpty()) {
                    y.append('\n');
                    emit(y, v, indent + 2, false);
                } else {
                    y.append(' ').append(scalar(v)).append('\n');
                }
            }
        }
    }

    private static String scalar(JsonNode v) {
        if (v.isArray()) {
            return "[]";
        }
        if (v.isObject()) {
            return "{}";
        }
        return v.isTextual() ? scalar(v.asText()) : v.asText();
    }

    /** A YAML scalar: plain when safe, double-quoted (with escapes) otherwise, "" for empty. */
    static String scalar(String s) {
        if (s.isEmpty()) {
            return "\"\"";
        }
        boolean plain = s.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || "/_.-".indexOf(ch) >= 0)
                && !s.equals("~") && !s.equalsIgnoreCase("null") && !s.equalsIgnoreCase("true")
                && !s.equalsIgnoreCase("false") && !s.startsWith("-") && !looksNumeric(s);
        if (plain) {
            return s;
        }
        StringBuilder q = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                default -> q.append(ch);
            }
        }
        return q.append('"').toString();
    }

    private static boolean looksNumeric(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
