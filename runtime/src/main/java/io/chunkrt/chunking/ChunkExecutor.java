package io.chunkrt.chunking;

import io.chunkrt.policy.ActionChunk;

/**
 * Turns chunks into one action per action step (the chunk's own rate). Steps are absolute indices of the
 * action-step clock; a chunk's index 0 belongs to the step of the observation it was computed from. Runs on
 * the control thread: no allocation, no locks.
 */
public sealed interface ChunkExecutor permits QueueExecutor, TemporalEnsembler, RecedingHorizonExecutor, AsyncSplicingExecutor {

    /**
     * A chunk computed from the observation at {@code observationStep} arrives; {@code nextStep} is the step
     * the next {@link #advance} will produce.
     */
    void accept(ActionChunk chunk, long observationStep, long nextStep);

    /** Moves to {@code step} (called once per step, in order). False if there is no action for it: hold. */
    boolean advance(long step);

    /** Writes the action {@code offset} steps after the current one (0 = current) as now known; false if none. */
    boolean action(int offset, double[] out);

    /** Whether a new inference should start at {@code step} (the caller knows none is running). */
    boolean wantsInference(long step);

    /**
     * Actions planned for steps {@code fromStep, fromStep + 1, ...} that a new chunk's first actions will
     * overlap, for prefix-conditioned flow sampling. Returns how many were written (at most maxSteps).
     */
    default int plannedActions(long fromStep, int maxSteps, float[] out) {
        return 0;
    }

    /** Forgets every chunk (after an e-stop or a disable). */
    void reset();
}
