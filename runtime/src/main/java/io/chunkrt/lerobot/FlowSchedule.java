package io.chunkrt.lerobot;

/**
 * The flow-matching fields of a LeRobot pi0/pi05/SmolVLA config.
 *
 * @param numSteps Euler integration steps from noise to actions ({@code num_steps})
 */
public record FlowSchedule(int numSteps) {

    public FlowSchedule {
        if (numSteps < 1) {
            throw new IllegalArgumentException("num_steps is " + numSteps + "; expected >= 1");
        }
    }
}
