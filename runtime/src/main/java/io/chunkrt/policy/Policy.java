package io.chunkrt.policy;

import io.chunkrt.card.PolicyCard;

/**
 * A loaded policy. Fill {@link #observation()}, then call {@link #infer}; both on the inference thread,
 * never the control thread. infer runs the network (once, or in a sampling loop) and writes the
 * unnormalized chunk.
 */
public interface Policy extends AutoCloseable {
    PolicyCard card();

    /** The observation buffers this policy's network reads (allocated once, bound to the network's inputs). */
    ObservationTensors observation();

    /** Allocates a chunk shaped for this policy; call once at start-up. */
    default ActionChunk newChunk() {
        return new ActionChunk(card().output().horizon(), card().output().actionDim());
    }

    /** Computes a chunk from the current observation into {@code out}; stamps it with the observation's time. */
    void infer(ActionChunk out);

    /**
     * Conditions the next {@link #infer} on actions already planned for the first {@code steps} steps of the
     * chunk ([steps, A], joint units), for policies that support it (flow sampling with prefix inpainting).
     * Returns false if this policy cannot; {@code steps} 0 clears it.
     */
    default boolean conditionOnPrefix(float[] plannedActions, int steps) {
        return false;
    }

    @Override
    void close();
}
