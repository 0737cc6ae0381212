package io.chunkrt.policy;

import io.chunkrt.card.PolicyCard;

/**
 * A loaded policy. {@link #infer} runs on the inference thread, never the control thread: it normalizes the
 * observation, runs the network (once, or in a sampling loop) and writes the unnormalized chunk.
 */
public interface Policy extends AutoCloseable {
    PolicyCard card();

    /** Allocates an observation holder shaped for this policy; call once at start-up. */
    default ObservationTensors newObservation() {
        return new ObservationTensors(card());
    }

    /** Allocates a chunk shaped for this policy; call once at start-up. */
    default ActionChunk newChunk() {
        return new ActionChunk(card().output().horizon(), card().output().actionDim());
    }

    /** Computes a chunk from {@code observation} into {@code out}; stamps it with the observation's time. */
    void infer(ObservationTensors observation, ActionChunk out);

    @Override
    void close();
}
