package io.chunkrt.ros.params;

import io.chunkrt.safety.JointLimits;
import io.chunkrt.safety.SafetyConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The safety layer's settings from the node's {@code safety.*} parameters: the limits of every commanded joint
 * (there are no default limits: a commanded joint without them is a start-up error), the largest distance of a
 * command from the measured position, the soft start and the action staleness limit. The observation staleness
 * limit is {@code joint_states.stale_after_ms}.
 *
 * @param joints                 limits of every commanded joint, in parameter order
 * @param maxStepFromMeasuredRad LeRobot's max_relative_target, per joint (rad, or m for prismatic joints)
 * @param softStartNs            ramp from the measured pose to the policy's actions after (re)start
 * @param actionStaleNs          a chunk whose observation is older than this when it arrives is dropped
 */
public record SafetyLimits(List<JointLimits> joints, double maxStepFromMeasuredRad, long softStartNs, long actionStaleNs) {
    public SafetyLimits {
        joints = List.copyOf(joints);
        if (!(maxStepFromMeasuredRad > 0) || !Double.isFinite(maxStepFromMeasuredRad)) {
            throw new IllegalArgumentException("max step from measured " + maxStepFromMeasuredRad + " must be finite and > 0");
        }
        if (softStartNs < 0 || actionStaleNs <= 0) {
            throw new IllegalArgumentException("soft start " + softStartNs + " ns must be >= 0 and action staleness " + actionStaleNs + " ns > 0");
        }
    }

    /** The limits of {@code joint}, or null. */
    public JointLimits of(String joint) {
        for (JointLimits l : joints) {
            if (l.joint().equals(joint)) {
                return l;
            }
        }
        return null;
    }

    /**
     * The safety layer's configuration with the joints in {@code commandOrder} (a card's action joints), every one
     * of which must have limits here.
     */
    public SafetyConfig toConfig(List<String> commandOrder, long observationStaleNs) {
        Map<String, JointLimits> byName = new HashMap<>();
        for (JointLimits l : joints) {
            byName.put(l.joint(), l);
        }
        List<JointLimits> ordered = new ArrayList<>();
        for (String j : commandOrder) {
            JointLimits l = byName.get(j);
            if (l == null) {
                throw new ParameterException("joint '" + j + "' has no limits; set safety.joints." + j + ".{min_position,max_position,max_velocity,max_acceleration}");
            }
            ordered.add(l);
        }
        return new SafetyConfig(ordered, maxStepFromMeasuredRad, softStartNs, observationStaleNs, actionStaleNs);
    }
}
