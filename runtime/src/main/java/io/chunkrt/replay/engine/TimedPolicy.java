package io.chunkrt.replay.engine;

import io.chunkrt.card.PolicyCard;
import io.chunkrt.policy.ActionChunk;
import io.chunkrt.policy.ObservationTensors;
import io.chunkrt.policy.Policy;
import org.HdrHistogram.Histogram;

/** A policy whose every {@link #infer} is timed on the wall clock into a histogram; everything else is the policy's. */
final class TimedPolicy implements Policy {
    private final Policy policy;
    private final Histogram inferNs;

    TimedPolicy(Policy policy, Histogram inferNs) {
        this.policy = policy;
        this.inferNs = inferNs;
    }

    @Override
    public PolicyCard card() {
        return policy.card();
    }

    @Override
    public ObservationTensors observation() {
        return policy.observation();
    }

    @Override
    public ActionChunk newChunk() {
        return policy.newChunk();
    }

    @Override
    public void infer(ActionChunk out) {
        long start = System.nanoTime();
        policy.infer(out);
        inferNs.recordValue(Math.min(System.nanoTime() - start, inferNs.getHighestTrackableValue()));
    }

    @Override
    public boolean conditionOnPrefix(float[] plannedActions, int steps) {
        return policy.conditionOnPrefix(plannedActions, steps);
    }

    @Override
    public void close() {
        policy.close();
    }
}
