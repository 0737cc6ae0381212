package io.chunkrt.replay.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chunkrt.card.CardException;
import io.chunkrt.safety.JointLimits;
import io.chunkrt.safety.SafetyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A robot's safety limits for replay, in YAML:
 *
 * <pre>
 * joints:                       # per commanded joint: position [min, max] (rad or m), velocity (/s), acceleration (/s^2)
 *   left_waist: {position: [-3.14, 3.14], velocity: 3.0, acceleration: 40.0}
 * default: {position: [-3.14, 3.14], velocity: 3.0, acceleration: 40.0}   # optional: every joint not listed
 * max_step_from_measured: 0.5   # optional: LeRobot's max_relative_target; absent = off
 * soft_start_s: 0.5             # optional, default 0
 * observation_stale_ms: 100     # optional, default 100
 * action_stale_ms: 1000         # optional, default 1000
 * </pre>
 *
 * Limits are returned in the order of the commanded joints. Anything else is refused in one line.
 */
public final class SafetyLimitsFile {
    private static final Set<String> KEYS = Set.of("joints", "default", "max_step_from_measured", "soft_start_s", "observation_stale_ms",
            "action_stale_ms");
    private static final Set<String> JOINT_KEYS = Set.of("position", "velocity", "acceleration");

    private SafetyLimitsFile() {}

    public static SafetyConfig load(Path file, List<String> commandedJoints) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new CardException("safety limits file '" + file + "' cannot be read: " + reason);
        }
        if (root == null || !root.isObject()) {
            throw new CardException("safety limits file '" + file + "' is not a YAML mapping; see docs/replay.md for its fields");
        }
        root.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new CardException("safety limits file '" + file + "' has unknown field '" + k + "'; its fields are " + KEYS.stream().sorted().toList());
            }
        });
        JsonNode joints = root.path("joints");
        JsonNode fallback = root.get("default");
        List<JointLimits> limits = new ArrayList<>();
        for (String j : commandedJoints) {
            JsonNode n = joints.get(j);
            if (n == null) {
                n = fallback;
            }
            if (n == null) {
                throw new CardException("safety limits file '" + file + "' has no limits for commanded joint '" + j + "'; list it under joints or"
                        + " give a default (commanded joints: " + commandedJoints + ")");
            }
            limits.add(joint(file, j, n));
        }
        joints.fieldNames().forEachRemaining(k -> {
            if (!commandedJoints.contains(k)) {
                throw new CardException("safety limits file '" + file + "' lists joint '" + k + "', which the card does not command; commanded joints: "
                        + commandedJoints);
            }
        });
        double maxStep = root.has("max_step_from_measured") ? number(file, root, "max_step_from_measured") : Double.NaN;
        long softStart = Math.round(root.has("soft_start_s") ? number(file, root, "soft_start_s") * 1e9 : 0);
        long obsStale = Math.round((root.has("observation_stale_ms") ? number(file, root, "observation_stale_ms") : 100) * 1e6);
        long actionStale = Math.round((root.has("action_stale_ms") ? number(file, root, "action_stale_ms") : 1000) * 1e6);
        try {
            return new SafetyConfig(limits, maxStep, softStart, obsStale, actionStale);
        } catch (IllegalArgumentException e) {
            throw new CardException("safety limits file '" + file + "': " + e.getMessage());
        }
    }

    private static double number(Path file, JsonNode parent, String key) {
        JsonNode n = parent.get(key);
        if (n == null || !n.isNumber()) {
            throw new CardException("safety limits file '" + file + "': " + key + " is " + n + "; expected a number");
        }
        return n.asDouble();
    }

    private static JointLimits joint(Path file, String joint, JsonNode n) {
        if (!n.isObject()) {
            throw new CardException("safety limits file '" + file + "': the limits of '" + joint + "' are " + n
                    + "; expected {position: [min, max], velocity: v, acceleration: a}");
        }
        n.fieldNames().forEachRemaining(k -> {
            if (!JOINT_KEYS.contains(k)) {
                throw new CardException("safety limits file '" + file + "': joint '" + joint + "' has unknown field '" + k + "'; its fields are "
                        + JOINT_KEYS.stream().sorted().toList());
            }
        });
        JsonNode p = n.get("position");
        if (p == null || !p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new CardException("safety limits file '" + file + "': position of '" + joint + "' is " + p + "; expected [min, max]");
        }
        try {
            return new JointLimits(joint, p.get(0).asDouble(), p.get(1).asDouble(), number(file, n, "velocity"), number(file, n, "acceleration"));
        } catch (IllegalArgumentException e) {
            throw new CardException("safety limits file '" + file + "': " + e.getMessage());
        }
    }
}
