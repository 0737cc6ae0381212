package io.chunkrt.chunking;

import io.chunkrt.policy.ActionChunk;

/**
 * Diffusion Policy's real-robot execution: action i of the executed slice is due at step
 * t_obs + i + offset; actions due before now + execution latency are dropped, and the rest replace the plan
 * from their first step on. If every action is already late, the slice's last action is scheduled at the
 * first reachable step. A new inference starts every {@code nActionSteps} steps.
 */
public final class RecedingHorizonExecutor implements ChunkExecutor {
    private final int sliceStart;
    private final int sliceLength;
    private final int nActionSteps;
    private final int offsetSteps;
    private final int latencySteps;
    private final int dim;
    private final ActionRing plan;
    /** Absolute step of the plan's head. */
    private long planStep;
    private final CurrentAction current;
    private long lastRequestStep = Long.MIN_VALUE;

    public RecedingHorizonExecutor(int horizon, int actionDim, int nActionSteps, int sliceStart, int offsetSteps, int latencySteps) {
        this.sliceStart = sliceStart;
        this.sliceLength = horizon - sliceStart;
        this.nActionSteps = nActionSteps;
        this.offsetSteps = offsetSteps;
        this.latencySteps = latencySteps;
        this.dim = actionDim;
        this.plan = new ActionRing(horizon, actionDim);
        this.current = new CurrentAction(actionDim);
    }

    @Override
    public void accept(ActionChunk chunk, long observationStep, long nextStep) {
        long earliest = nextStep + latencySteps;
        long firstDue = observationStep + offsetSteps;
        int skip = (int) Math.max(0, Math.min(sliceLength, earliest - firstDue));
        plan.clear();
        if (skip == sliceLength) {
            plan.push(chunk.values(), sliceStart + sliceLength - 1);
            planStep = earliest;
            return;
        }
        for (int i = skip; i < sliceLength; i++) {
            plan.push(chunk.values(), sliceStart + i);
        }
        planStep = firstDue + skip;
    }

    @Override
    public boolean advance(long step) {
        while (plan.size() > 0 && planStep < step) {
            plan.pop(current.values());
            planStep++;
        }
        if (plan.size() > 0 && planStep == step) {
            plan.pop(current.values());
            planStep++;
            current.present(true);
            return true;
        }
        // before the plan's first step (latency gap) the previous action stays; after its end there is none
        if (plan.size() == 0 && planStep <= step) {
            current.present(false);
        }
        return current.present();
    }

    @Override
    public boolean action(int offset, double[] out) {
        if (offset == 0) {
            return current.copyTo(out);
        }
        // the step after the current one is the plan's head only once the plan has started
        long wanted = planStep + offset - 1;
        int index = (int) (wanted - planStep);
        if (offset < 0 || index < 0 || index >= plan.size()) {
            return false;
        }
        plan.get(index, out);
        return true;
    }

    @Override
    public boolean wantsInference(long step) {
        if (lastRequestStep == Long.MIN_VALUE || step - lastRequestStep >= nActionSteps || (plan.size() == 0 && !current.present())) {
            lastRequestStep = step;
            return true;
        }
        return false;
    }

    @Override
    public void reset() {
        plan.clear();
        current.present(false);
        lastRequestStep = Long.MIN_VALUE;
    }
}
