package io.chunkrt.ros.params;

import io.chunkrt.ros.transport.RosNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ROS arguments {@code ros2 launch}'s Node action and {@code ros2 run} append, as rcl parses them:
 * every {@code --ros-args ... [--]} section, with {@code -r/--remap from:=to} (including {@code __node},
 * {@code __ns} and node-specific {@code node:from:=to}), {@code -p/--param name:=value} (value read as YAML),
 * {@code --params-file FILE}, {@code -e/--enclave NAME} and the logging options (accepted; logging is
 * configured through logback).
 *
 * @param nodeName       from {@code __node}, or null
 * @param namespace      from {@code __ns}, or null
 * @param remaps         topic remap rules in order
 * @param paramsFiles    parameter files in order
 * @param paramOverrides {@code -p} values in order (later ones win)
 * @param enclave        from {@code --enclave}, or null
 */
public record RosArguments(String nodeName, String namespace, List<RosNames.Remap> remaps, List<Path> paramsFiles,
                           Map<String, Object> paramOverrides, String enclave) {
    private static final List<String> FLAGS_WITHOUT_VALUE = List.of("--enable-rosout-logs", "--disable-rosout-logs",
            "--enable-stdout-logs", "--disable-stdout-logs", "--enable-external-lib-logs", "--disable-external-lib-logs");
    private static final List<String> LOG_OPTIONS_WITH_VALUE = List.of("--log-level", "--log-config-file", "--log-file-name");

    public RosArguments {
        remaps = List.copyOf(remaps);
        paramsFiles = List.copyOf(paramsFiles);
        paramOverrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(paramOverrides));
    }

    public static RosArguments none() {
        return new RosArguments(null, null, List.of(), List.of(), Map.of(), null);
    }

    /**
     * Parses the arguments of a node whose own (default) name is {@code defaultNodeName}; node-specific rules for
     * other nodes are ignored, as rcl does. Arguments outside {@code --ros-args} sections are returned in
     * {@code rest} for the caller to handle.
     */
    public static RosArguments parse(List<String> args, String defaultNodeName, List<String> rest) {
        String node = null;
        String ns = null;
        String enclave = null;
        List<RosNames.Remap> remaps = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        boolean inRos = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--ros-args")) {
                inRos = true;
                continue;
            }
            if (!inRos) {
                rest.add(a);
                continue;
            }
            if (a.equals("--")) {
                inRos = false;
                continue;
            }
            switch (a) {
                case "-r", "--remap" -> {
                    String rule = value(args, ++i, a);
                    int sep = rule.indexOf(":=");
                    if (sep <= 0) {
                        throw new ParameterException("remap rule '" + rule + "' has no ':='; write it as from:=to, e.g. -r __node:=chunkrt or -r /image:=/cam_high/image_raw");
                    }
                    String from = rule.substring(0, sep);
                    String to = rule.substring(sep + 2);
                    int colon = from.indexOf(':');
                    if (colon > 0) { // node-specific rule: node:from:=to
                        String target = from.substring(0, colon);
                        from = from.substring(colon + 1);
                        if (!target.equals(defaultNodeName)) {
                            continue;
                        }
                    }
                    switch (from) {
                        case "__node", "__name" -> node = to;
                        case "__ns" -> ns = to;
                        default -> {
                            if (from.startsWith("__")) {
                                throw new ParameterException("remap rule '" + rule + "' sets '" + from + "', which ChunkRT does not know; use __node or __ns, or a topic name");
                            }
                            remaps.add(new RosNames.Remap(from, to));
                        }
                    }
                }
                case "-p", "--param" -> {
                    String rule = value(args, ++i, a);
                    int sep = rule.indexOf(":=");
                    if (sep <= 0) {
                        throw new ParameterException("parameter rule '" + rule + "' has no ':='; write it as name:=value, e.g. -p policy.card:=/data/act.yaml");
                    }
                    String name = rule.substring(0, sep);
                    int colon = name.indexOf(':');
                    if (colon > 0) {
                        if (!name.substring(0, colon).equals(defaultNodeName)) {
                            continue;
                        }
                        name = name.substring(colon + 1);
                    }
                    params.put(name, ParameterFiles.scalarOrList(name, rule.substring(sep + 2), "-p " + rule));
                }
                case "--params-file" -> files.add(Path.of(value(args, ++i, a)));
                case "-e", "--enclave" -> enclave = value(args, ++i, a);
                default -> {
                    if (LOG_OPTIONS_WITH_VALUE.contains(a)) {
                        value(args, ++i, a);
                    } else if (!FLAGS_WITHOUT_VALUE.contains(a)) {
                        throw new ParameterException("ROS argument '" + a + "' is not supported; ChunkRT understands -r/--remap, -p/--param, --params-file, -e/--enclave and the logging options");
                    }
                }
            }
        }
        return new RosArguments(node, ns, remaps, files, params, enclave);
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size() || args.get(i).equals("--")) {
            throw new ParameterException("ROS argument " + flag + " needs a value after it");
        }
        return args.get(i);
    }
}
