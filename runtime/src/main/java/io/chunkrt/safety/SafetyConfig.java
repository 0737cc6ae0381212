package io.chunkrt.safety;

import java.util.List;

/**
 * What the safety layer enforces on every command.
 *
 * @param maxStepFromMeasured largest distance of a command from the measured position per joint (LeRobot's
 *                            max_relative_target); NaN turns it off
 * @param softStartNs         ramp from the measured pose to the policy's actions over this time after start
 * @param observationStaleNs  joint states older than this make the arm hold
 * @param actionStaleNs       no valid action for longer than this makes the arm hold
 */
public record SafetyConfig(List<JointLimits> joints, double maxStepFromMeasured, long softStartNs, long observationStaleNs, long actionStaleNs) {
    public SafetyConfig {
        joints = List.copyOf(joints);
        if (joints.isEmpty()) {
            throw new IllegalArgumentException("safety needs the limits of at least one joint");
        }
        if (!(Double.isNaN(maxStepFromMeasured) || maxStepFromMeasured > 0)) {
            throw new IllegalArgumentException("max step from measured " + maxStepFromMeasured + " must be > 0 (or NaN for off)");
        }
        if (softStartNs < 0 || observationStaleNs <= 0 || actionStaleNs <= 0) {
            throw new IllegalArgumentException("soft start must be >= 0 and staleness limits > 0");
        }
    }

    public int size() {
        return joints.size();
    }
}
