package io.chunkrt.policy.onnx;

/**
 * Hooks around each network evaluation of a sampling loop, so a benchmark can split network time from the
 * runtime's own work (tensor refill, scheduler update). The default does nothing.
 */
public interface StepTimer {
    StepTimer NONE = new StepTimer() {};

    default void networkStarted() {}

    default void networkFinished() {}
}
