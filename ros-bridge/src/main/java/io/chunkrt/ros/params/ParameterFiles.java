package io.chunkrt.ros.params;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chunkrt.ros.transport.NodeIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads ROS 2 parameter files: {@code <node key>: ros__parameters: {...}}, where the key is a node name
 * ({@code chunkrt}, resolved against the root namespace), a fully qualified name ({@code /arm/chunkrt}) or a
 * pattern with {@code *} (one name token) and {@code **} (any number of tokens), e.g. {@code /**}. Nested
 * mappings become dotted names ({@code cameras: {top: {topic: x}}} is {@code cameras.top.topic}); values are
 * booleans, integers, doubles, strings or arrays of one of these.
 */
public final class ParameterFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ParameterFiles() {}

    /** The parameters {@code file} gives {@code node}, with the file named as each value's origin. */
    public static Map<String, Object> load(Path file, NodeIdentity node, Map<String, String> origins) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ParameterException("parameter file " + file + " does not exist; give the path of a ROS parameter YAML file");
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ParameterException("parameter file " + file + " is not valid YAML" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ParameterException("parameter file " + file + " cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ParameterException("parameter file " + file + " is empty or not a mapping; it must look like '<node>: {ros__parameters: {...}}'");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode section = e.getValue();
            if (!section.isObject() || !section.has("ros__parameters")) {
                throw new ParameterException("parameter file " + file + ": section '" + e.getKey() + "' has no 'ros__parameters' mapping; write '" + e.getKey() + ":\\n  ros__parameters:\\n    name: value'");
            }
            if (section.size() != 1) {
                throw new ParameterException("parameter file " + file + ": section '" + e.getKey() + "' holds more than 'ros__parameters'; move the other keys under it");
            }
            if (!matches(e.getKey(), node.fullyQualifiedName())) {
                continue;
            }
            JsonNode params = section.get("ros__parameters");
            if (!params.isObject()) {
                throw new ParameterException("parameter file " + file + ": '" + e.getKey() + ".ros__parameters' is not a mapping of parameter names to values");
            }
            flatten("", params, out, origins, file.toString());
        }
        return out;
    }

    /** Whether a parameter-file node key (name, fully qualified name, or pattern with * and **) selects {@code fqn}. */
    static boolean matches(String key, String fqn) {
        String k = key.startsWith("/") ? key : "/" + key;
        if (k.equals(fqn)) {
            return true;
        }
        StringBuilder regex = new StringBuilder();
        String[] tokens = k.substring(1).split("/", -1);
        for (String t : tokens) {
            if (t.equals("**")) {
                regex.append("(/[^/]+)*");
            } else {
                regex.append('/');
                for (String part : t.split("\\*", -1)) {
                    regex.append(Pattern.quote(part)).append("[^/]*");
                }
                regex.setLength(regex.length() - "[^/]*".length());
            }
        }
        return fqn.matches(regex.toString());
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> out, Map<String, String> origins, String origin) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flatten(name, v, out, origins, origin);
            } else {
                out.put(name, value(name, v, origin));
                origins.put(name, origin);
            }
        }
    }

    /** A -p value read as YAML, as rcl reads it. */
    static Object scalarOrList(String name, String text, String origin) {
        JsonNode v;
        try {
            v = text.isEmpty() ? null : YAML.readTree(text);
        } catch (JacksonException e) {
            throw new ParameterException("parameter '" + name + "' from " + origin + " is not a YAML value: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (v == null || v.isMissingNode()) {
            return "";
        }
        return value(name, v, origin);
    }

    private static Object value(String name, JsonNode v, String origin) {
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonNode item : v) {
                if (item.isContainerNode() || item.isNull()) {
                    throw new ParameterException("parameter '" + name + "' in " + origin + " holds a list of " + (item.isNull() ? "nulls" : "mappings or lists")
                            + "; ROS parameters are scalars or arrays of scalars (flatten it into dotted names)");
                }
                list.add(scalar(name, item, origin));
            }
            return List.copyOf(list);
        }
        return scalar(name, v, origin);
    }

    private static Object scalar(String name, JsonNode v, String origin) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        throw new ParameterException("parameter '" + name + "' in " + origin + " has no value (null); give a value or remove it");
    }
}
