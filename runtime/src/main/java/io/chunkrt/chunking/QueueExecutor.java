package io.chunkrt.chunking;

import io.chunkrt.policy.ActionChunk;

/**
 * LeRobot's action queue: execute {@code nActionSteps} actions of each chunk starting at {@code sliceStart}
 * (Diffusion Policy starts at n_obs_steps - 1), then ask for the next chunk. It ignores inference latency,
 * so with a slow model the arm holds while the queue is empty and then jumps to a stale plan.
 */
public final class QueueExecutor implements ChunkExecutor {
    private final int nActionSteps;
    private final int sliceStart;
    private final ActionRing queue;
    private final CurrentAction current;

    public QueueExecutor(int horizon, int actionDim, int nActionSteps, int sliceStart) {
        if (sliceStart + nActionSteps > horizon) {
            throw new IllegalArgumentException("slice " + sliceStart + " + " + nActionSteps + " exceeds the chunk of " + horizon);
        }
        this.nActionSteps = nActionSteps;
        this.sliceStart = sliceStart;
        this.queue = new ActionRing(horizon, actionDim);
        this.current = new CurrentAction(actionDim);
    }

    @Override
    public void accept(ActionChunk chunk, long observationStep, long nextStep) {
        queue.clear();
        for (int i = sliceStart; i < sliceStart + nActionSteps; i++) {
            queue.push(chunk.values(), i);
        }
    }

    @Override
    public boolean advance(long step) {
        return current.popFrom(queue);
    }

    @Override
    public boolean action(int offset, double[] out) {
        return current.peek(queue, offset, out);
    }

    /** Asks as soon as the last queued action is being executed, so the next chunk can arrive in time. */
    @Override
    public boolean wantsInference(long step) {
        return queue.size() == 0;
    }

    @Override
    public void reset() {
        queue.clear();
        current.present(false);
    }
}
