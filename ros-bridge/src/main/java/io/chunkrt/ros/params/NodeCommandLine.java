package io.chunkrt.ros.params;

import io.chunkrt.replay.mcap.McapCompression;
import io.chunkrt.ros.RosDistro;
import io.chunkrt.safety.JointLimits;
import io.chunkrt.ros.msg.PixelEncoding;
import io.chunkrt.ros.transport.NodeIdentity;
import io.chunkrt.ros.transport.QosProfile;
import io.chunkrt.ros.transport.RosNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the arguments of {@code chunkrt run} into a {@link NodeLaunch}:
 * {@code [--params FILE]... [--record BAG_DIR] [--ros-args -r __node:=NAME -r __ns:=/NS -r from:=to -p name:=value --params-file FILE -e ENCLAVE]}.
 * Parameters are applied in order: {@code --params} files, then {@code --params-file} files, then {@code -p}
 * values; later values win. Relative paths in a file are relative to that file's directory.
 *
 * <p>Parameters (see docs/ros2.md for the full table): {@code policy.card}, {@code ros.distro},
 * {@code joint_states.topics}, {@code joint_states.stale_after_ms}, {@code cameras.names} and
 * {@code cameras.<name>.{topic,transport,encoding,format,width,height}}, {@code commands.controllers} and
 * {@code commands.<controller>.{type,joints,topic,points}}, {@code rates.control_hz},
 * {@code rates.diagnostics_hz}, {@code enable.initial}, {@code use_sim_time}, {@code record.path} (relative to the working
 * directory; {@code --record} overrides it), {@code record.compression},
 * {@code safety.{max_step_from_measured,soft_start_s,action_stale_ms}},
 * {@code safety.joints.<joint>.{min_position,max_position,max_velocity,max_acceleration}} (or {@code safety.defaults.*}) and
 * {@code qos_overrides./<topic>.<publisher|subscription>.<reliability|durability|history|depth>}.
 * Anything else is refused with the closest known name.
 */
public final class NodeCommandLine {
    public static final String DEFAULT_NODE_NAME = "chunkrt";
    private static final List<String> FIXED = List.of("policy.card", "ros.distro", "joint_states.topics", "joint_states.stale_after_ms",
            "cameras.names", "commands.controllers", "rates.control_hz", "rates.diagnostics_hz", "enable.initial", "use_sim_time",
            "safety.max_step_from_measured", "safety.soft_start_s", "safety.action_stale_ms", "record.path", "record.compression");
    private static final List<String> CAMERA_KEYS = List.of("topic", "transport", "encoding", "format", "width", "height", "stale_after_ms");
    private static final List<String> LIMIT_KEYS = List.of("min_position", "max_position", "max_velocity", "max_acceleration");
    /** Position limits beyond this are surely a unit mistake (degrees, millimetres). */
    private static final double MAX_POSITION = 1000;
    private static final List<String> CONTROLLER_KEYS = List.of("type", "joints", "topic", "points");
    private static final List<String> QOS_POLICIES = List.of("reliability", "durability", "history", "depth");

    /** What a controller's type parameter names. */
    enum ControllerType { FORWARD, JOINT_TRAJECTORY }

    private NodeCommandLine() {}

    public static NodeLaunch parse(List<String> args, Map<String, String> env) {
        List<String> rest = new ArrayList<>();
        RosArguments ros = RosArguments.parse(args, DEFAULT_NODE_NAME, rest);
        List<Path> ownFiles = new ArrayList<>();
        String recordDir = null;
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            if (a.equals("--record")) {
                if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                    throw new ParameterException("--record needs the bag directory after it, e.g. --record /tmp/flight_1");
                }
                recordDir = rest.get(++i);
            } else if (a.equals("--params")) {
                if (i + 1 >= rest.size()) {
                    throw new ParameterException("--params needs a file after it, e.g. --params launch/params/arm6_forward.yaml");
                }
                ownFiles.add(Path.of(rest.get(++i)));
            } else {
                throw new ParameterException("argument '" + a + "' is not understood; chunkrt run takes --params FILE, --record BAG_DIR and ROS arguments after --ros-args");
            }
        }
        NodeIdentity node;
        try {
            node = new NodeIdentity(ros.nodeName() == null ? DEFAULT_NODE_NAME : ros.nodeName(), ros.namespace() == null ? "/" : ros.namespace());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(e.getMessage());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> origins = new HashMap<>();
        List<Path> files = new ArrayList<>(ownFiles);
        files.addAll(ros.paramsFiles());
        for (Path f : files) {
            values.putAll(ParameterFiles.load(f, node, origins));
        }
        for (Map.Entry<String, Object> e : ros.paramOverrides().entrySet()) {
            values.put(e.getKey(), e.getValue());
            origins.put(e.getKey(), "-p " + e.getKey());
        }
        for (RosNames.Remap r : ros.remaps()) {
            checkTopic(r.from(), node, "remap rule " + r.from() + ":=" + r.to());
            checkTopic(r.to(), node, "remap rule " + r.from() + ":=" + r.to());
        }
        NodeParameters params = read(new ParameterSet(values, origins), node, env, recordDir);
        String enclave = ros.enclave() == null ? "/" : ros.enclave();
        return new NodeLaunch(node, ros.remaps(), enclave, params);
    }

    private static NodeParameters read(ParameterSet p, NodeIdentity node, Map<String, String> env, String recordDir) {
        Path card = path(p, "policy.card");
        String envDistro = env.getOrDefault("ROS_DISTRO", "");
        RosDistro defaultDistro = switch (envDistro) {
            case "humble" -> RosDistro.HUMBLE;
            default -> RosDistro.JAZZY;
        };
        RosDistro distro;
        String distroName = p.string("ros.distro", defaultDistro.rosName(), "jazzy");
        try {
            distro = RosDistro.parse(distroName);
        } catch (IllegalArgumentException e) {
            throw p.error("ros.distro", "is '" + distroName + "'; use humble or jazzy (iron and kilted use jazzy's layout)");
        }
        List<String> jointTopics = p.strings("joint_states.topics", List.of("/joint_states"), "[/joint_states]");
        for (String t : jointTopics) {
            checkTopic(t, node, "parameter 'joint_states.topics'");
        }
        double staleMs = p.number("joint_states.stale_after_ms", 100, 1, 10_000);
        List<CameraInput> cameras = new ArrayList<>();
        List<String> cameraNames = p.strings("cameras.names", List.of(), "[top, wrist]");
        for (String name : cameraNames) {
            cameras.add(camera(p, name, node));
        }
        List<CommandOutput> commands = new ArrayList<>();
        for (String ctrl : p.strings("commands.controllers", null, "[forward_position_controller]")) {
            commands.add(controller(p, ctrl, node));
        }
        double controlHz = p.number("rates.control_hz", Double.NaN, 1, 2000);
        double diagnosticsHz = p.number("rates.diagnostics_hz", 1.0, 0.1, 100);
        boolean enabled = p.bool("enable.initial", false);
        boolean simTime = p.bool("use_sim_time", false);
        List<QosOverride> overrides = qosOverrides(p, node);
        List<String> commanded = List.copyOf(NodeParameters.checkCommands(commands));
        SafetyLimits safety = safety(p, commanded);
        RecordOutput record = record(p, recordDir);
        rejectUnknown(p, cameraNames, commands.stream().map(CommandOutput::controller).toList(), commanded);
        return new NodeParameters(card, distro, jointTopics, Math.round(staleMs * 1e6), cameras, commands, controlHz, diagnosticsHz,
                enabled, simTime, overrides, safety, record);
    }

    /** {@code --record DIR} wins over {@code record.path}; null when neither is given. */
    private static RecordOutput record(ParameterSet p, String commandLineDir) {
        String fromParams = p.has("record.path") ? p.string("record.path", "/tmp/flight_1") : null;
        McapCompression compression = p.choice("record.compression", McapCompression.class, McapCompression.ZSTD);
        if (commandLineDir != null) {
            return new RecordOutput(RecordOutput.checkedDirectory(commandLineDir, "--record"), compression);
        }
        if (fromParams == null) {
            return null;
        }
        return new RecordOutput(RecordOutput.checkedDirectory(fromParams, "parameter 'record.path'"), compression);
    }

    private static SafetyLimits safety(ParameterSet p, List<String> commanded) {
        double maxStep = p.number("safety.max_step_from_measured", 0.25, 0.001, 10);
        double softStartS = p.number("safety.soft_start_s", 1.0, 0, 60);
        double actionStaleMs = p.number("safety.action_stale_ms", 500, 1, 60_000);
        for (String k : LIMIT_KEYS) {
            if (p.has("safety.defaults." + k)) {
                limitValue(p, "safety.defaults." + k, k);
            }
        }
        List<JointLimits> limits = new ArrayList<>();
        for (String j : commanded) {
            String pre = "safety.joints." + j + ".";
            double min = limit(p, j, "min_position");
            double max = limit(p, j, "max_position");
            double v = limit(p, j, "max_velocity");
            double a = limit(p, j, "max_acceleration");
            if (!(min < max)) {
                throw new ParameterException("joint '" + j + "' has min_position " + min + " >= max_position " + max + " (" + pre + "min_position / "
                        + pre + "max_position, or safety.defaults.*); give min_position < max_position");
            }
            limits.add(new JointLimits(j, min, max, v, a));
        }
        return new SafetyLimits(limits, maxStep, Math.round(softStartS * 1e9), Math.round(actionStaleMs * 1e6));
    }

    /** The joint's own value, else the shared default, else a one-line error naming both. */
    private static double limit(ParameterSet p, String joint, String key) {
        String own = "safety.joints." + joint + "." + key;
        if (p.has(own)) {
            return limitValue(p, own, key);
        }
        String shared = "safety.defaults." + key;
        if (p.has(shared)) {
            return limitValue(p, shared, key);
        }
        throw new ParameterException("parameter '" + own + "' is missing; every commanded joint needs min_position, max_position, max_velocity and "
                + "max_acceleration: set them under safety.joints." + joint + " (or for every joint under safety.defaults)");
    }

    private static double limitValue(ParameterSet p, String name, String key) {
        return switch (key) {
            case "min_position", "max_position" -> p.number(name, Double.NaN, -MAX_POSITION, MAX_POSITION);
            case "max_velocity" -> positive(p, name, 1000, "per second");
            default -> positive(p, name, 100_000, "per second squared");
        };
    }

    private static double positive(ParameterSet p, String name, double max, String unit) {
        double v = p.number(name, Double.NaN, 0, max);
        if (!(v > 0)) {
            throw p.error(name, "is " + v + "; a limit must be > 0 (rad or m " + unit + ")");
        }
        return v;
    }

    private static Path path(ParameterSet p, String name) {
        String value = p.string(name, "/path/to/card.yaml");
        Path given = Path.of(value);
        Path resolved = given;
        if (!given.isAbsolute()) {
            String origin = p.origin(name);
            if (!origin.startsWith("-p") && !origin.equals("the command line")) {
                Path dir = Path.of(origin).toAbsolutePath().getParent();
                resolved = dir.resolve(given).normalize();
            } else {
                resolved = given.toAbsolutePath().normalize();
            }
        }
        if (!Files.isRegularFile(resolved)) {
            throw p.error(name, "is '" + value + "', which is not a file (looked at " + resolved + "); give the path of a policy card (.yaml)");
        }
        return resolved;
    }

    private static CameraInput camera(ParameterSet p, String name, NodeIdentity node) {
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw p.error("cameras.names", "lists '" + name + "'; camera names are letters, digits and underscores");
        }
        String pre = "cameras." + name + ".";
        String topic = p.string(pre + "topic", "/" + name + "/image_raw");
        checkTopic(topic, node, "parameter '" + pre + "topic'");
        CameraInput.Transport transport = p.choice(pre + "transport", CameraInput.Transport.class, CameraInput.Transport.RAW);
        PixelEncoding encoding = null;
        String format = null;
        if (transport == CameraInput.Transport.RAW) {
            String enc = p.string(pre + "encoding", "rgb8", "rgb8");
            encoding = PixelEncoding.byName(enc);
            if (encoding == null) {
                List<String> valid = new ArrayList<>();
                for (PixelEncoding e : PixelEncoding.values()) {
                    valid.add(e.rosName());
                }
                throw p.error(pre + "encoding", "is '" + enc + "'; use one of " + String.join(", ", valid));
            }
            if (p.has(pre + "format")) {
                throw p.error(pre + "format", "is set but the camera's transport is raw; set " + pre + "transport to compressed or remove it");
            }
        } else {
            format = p.string(pre + "format", "jpeg", "jpeg").toLowerCase(Locale.ROOT);
            if (p.has(pre + "encoding")) {
                throw p.error(pre + "encoding", "is set but the camera's transport is compressed; use " + pre + "format (e.g. jpeg) instead");
            }
        }
        int width = p.requiredInteger(pre + "width", 1, 16384);
        int height = p.requiredInteger(pre + "height", 1, 16384);
        double staleMs = p.number(pre + "stale_after_ms", 200, 1, 10_000);
        return new CameraInput(name, topic, transport, encoding, format, width, height, Math.round(staleMs * 1e6));
    }

    private static CommandOutput controller(ParameterSet p, String ctrl, NodeIdentity node) {
        if (!ctrl.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw p.error("commands.controllers", "lists '" + ctrl + "'; controller names are letters, digits and underscores, as in the controller_manager configuration");
        }
        String pre = "commands." + ctrl + ".";
        ControllerType type = p.choice(pre + "type", ControllerType.class, null);
        List<String> joints = p.strings(pre + "joints", null, "[joint_1, joint_2]");
        if (joints.isEmpty()) {
            throw p.error(pre + "joints", "is empty; list the controller's joints in its order (its 'joints' parameter)");
        }
        String topic = switch (type) {
            case FORWARD -> p.string(pre + "topic", "/" + ctrl + "/commands", "/" + ctrl + "/commands");
            case JOINT_TRAJECTORY -> p.string(pre + "topic", "/" + ctrl + "/joint_trajectory", "/" + ctrl + "/joint_trajectory");
        };
        checkTopic(topic, node, "parameter '" + pre + "topic'");
        return switch (type) {
            case FORWARD -> {
                if (p.has(pre + "points")) {
                    throw p.error(pre + "points", "is set but " + ctrl + " is a forward controller, which takes one command at a time; remove it or set the type to joint_trajectory");
                }
                yield new CommandOutput.ForwardCommand(ctrl, topic, joints);
            }
            case JOINT_TRAJECTORY -> new CommandOutput.JointTrajectory(ctrl, topic, joints, p.integer(pre + "points", 10, 1, 1000));
        };
    }

    private static List<QosOverride> qosOverrides(ParameterSet p, NodeIdentity node) {
        Map<String, QosOverride> byEndpoint = new LinkedHashMap<>();
        for (String name : List.copyOf(p.names())) {
            if (!name.startsWith("qos_overrides.")) {
                continue;
            }
            String rest = name.substring("qos_overrides.".length());
            int policyDot = rest.lastIndexOf('.');
            int endpointDot = policyDot < 0 ? -1 : rest.lastIndexOf('.', policyDot - 1);
            if (endpointDot <= 0) {
                throw p.error(name, "is not of the form qos_overrides./<topic>.<publisher|subscription>.<policy>");
            }
            String topic = rest.substring(0, endpointDot);
            String endpointName = rest.substring(endpointDot + 1, policyDot);
            String policy = rest.substring(policyDot + 1);
            if (!topic.startsWith("/")) {
                throw p.error(name, "names topic '" + topic + "'; QoS overrides use fully qualified topic names, e.g. qos_overrides./joint_states.subscription.depth");
            }
            checkTopic(topic, node, "parameter '" + name + "'");
            QosOverride.Endpoint endpoint = switch (endpointName) {
                case "publisher" -> QosOverride.Endpoint.PUBLISHER;
                case "subscription" -> QosOverride.Endpoint.SUBSCRIPTION;
                default -> throw p.error(name, "names endpoint '" + endpointName + "'; use publisher or subscription");
            };
            if (!QOS_POLICIES.contains(policy)) {
                throw p.error(name, "sets policy '" + policy + "', which ChunkRT does not override; use " + String.join(", ", QOS_POLICIES));
            }
            String key = topic + "|" + endpoint;
            QosOverride o = byEndpoint.getOrDefault(key, new QosOverride(topic, endpoint, null, null, null, null));
            o = switch (policy) {
                case "reliability" -> new QosOverride(topic, endpoint, p.choice(name, QosProfile.Reliability.class, null), o.durability(), o.history(), o.depth());
                case "durability" -> new QosOverride(topic, endpoint, o.reliability(), p.choice(name, QosProfile.Durability.class, null), o.history(), o.depth());
                case "history" -> new QosOverride(topic, endpoint, o.reliability(), o.durability(), p.choice(name, QosProfile.History.class, null), o.depth());
                default -> new QosOverride(topic, endpoint, o.reliability(), o.durability(), o.history(), p.requiredInteger(name, 1, 100_000));
            };
            byEndpoint.put(key, o);
        }
        return List.copyOf(byEndpoint.values());
    }

    private static void rejectUnknown(ParameterSet p, List<String> cameras, List<String> controllers, List<String> commanded) {
        Set<String> unused = p.unused();
        if (unused.isEmpty()) {
            return;
        }
        String name = unused.iterator().next();
        if (name.startsWith("cameras.")) {
            String[] parts = name.split("\\.", 3);
            if (parts.length == 3 && !cameras.contains(parts[1])) {
                throw p.error(name, "belongs to camera '" + parts[1] + "', which cameras.names " + cameras + " does not list; add the camera there or remove the parameter");
            }
        }
        if (name.startsWith("commands.")) {
            String[] parts = name.split("\\.", 3);
            if (parts.length == 3 && !controllers.contains(parts[1])) {
                throw p.error(name, "belongs to controller '" + parts[1] + "', which commands.controllers " + controllers + " does not list; add the controller there or remove the parameter");
            }
        }
        if (name.startsWith("safety.joints.")) {
            String rest = name.substring("safety.joints.".length());
            int dot = rest.lastIndexOf('.');
            String joint = dot < 0 ? rest : rest.substring(0, dot);
            if (!commanded.contains(joint)) {
                throw p.error(name, "sets limits of joint '" + joint + "', which no controller commands (commands.*.joints: " + commanded
                        + "); fix the joint name or remove the parameter");
            }
        }
        List<String> known = new ArrayList<>(FIXED);
        for (String k : LIMIT_KEYS) {
            known.add("safety.defaults." + k);
        }
        for (String j : commanded) {
            for (String k : LIMIT_KEYS) {
                known.add("safety.joints." + j + "." + k);
            }
        }
        for (String c : cameras) {
            for (String k : CAMERA_KEYS) {
                known.add("cameras." + c + "." + k);
            }
        }
        for (String c : controllers) {
            for (String k : CONTROLLER_KEYS) {
                known.add("commands." + c + "." + k);
            }
        }
        String closest = closest(name, known);
        throw p.error(name, "is not a ChunkRT parameter" + (closest == null ? "" : "; did you mean '" + closest + "'?")
                + " Known: policy.card, ros.distro, joint_states.*, cameras.*, commands.*, rates.*, enable.initial, use_sim_time, safety.*, qos_overrides.*");
    }

    private static String closest(String name, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= Math.max(3, name.length() / 4) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static void checkTopic(String topic, NodeIdentity node, String where) {
        try {
            RosNames.expand(topic, node);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(where + ": " + e.getMessage());
        }
    }
}
