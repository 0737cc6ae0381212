package io.chunkrt.ros.node;

import io.chunkrt.card.PolicyCard;
import io.chunkrt.chunking.ActionInterpolator;
import io.chunkrt.chunking.ExecutorFactory;
import io.chunkrt.control.ControlLoop;
import io.chunkrt.control.InferenceService;
import io.chunkrt.control.LoopStats;
import io.chunkrt.policy.ActionChunk;
import io.chunkrt.safety.JointLimits;
import io.chunkrt.safety.SafetyConfig;
import io.chunkrt.safety.SafetyFilter;

/**
 * Before the node's loop starts, runs the same control path (executor, interpolation, safety) on a throwaway
 * loop over virtual time, with chunks that sweep every joint inside its limits, so the JIT has compiled the
 * tick before the first real one: as a robot warms up before it is enabled. No DDS, no policy run (the policy is
 * warmed separately), nothing of it survives.
 */
final class ControlPathWarmUp {
    private ControlPathWarmUp() {}

    /** An inference service answering each request at once with a chunk sweeping sinusoidally inside the limits. */
    private static final class Sweep implements InferenceService {
        private final SafetyConfig limits;
        private long requestedAt = Long.MIN_VALUE;
        private int served;

        Sweep(SafetyConfig limits) {
            this.limits = limits;
        }

        @Override
        public void request(long nowNs, float[] prefix, int prefixSteps) {
            requestedAt = nowNs;
        }

        @Override
        public boolean poll(ActionChunk out) {
            if (requestedAt == Long.MIN_VALUE) {
                return false;
            }
            int dim = out.actionDim();
            float[] v = out.values();
            for (int k = 0; k < out.horizon(); k++) {
                for (int j = 0; j < dim; j++) {
                    JointLimits l = limits.joints().get(j);
                    double mid = 0.5 * (l.positionMin() + l.positionMax());
                    double half = 0.4 * (l.positionMax() - l.positionMin());
                    v[k * dim + j] = (float) (mid + half * Math.sin(0.05 * (served + k) + j));
                }
            }
            out.observationStampNs(requestedAt);
            requestedAt = Long.MIN_VALUE;
            served++;
            return true;
        }

        @Override
        public boolean busy() {
            return false;
        }
    }

    static void run(PolicyCard card, SafetyConfig safety, long controlPeriodNs, int ticks) {
        int dim = card.output().actionDim();
        double[] zero = new double[dim];
        for (int j = 0; j < dim; j++) {
            JointLimits l = safety.joints().get(j);
            zero[j] = 0.5 * (l.positionMin() + l.positionMax());
        }
        ControlLoop loop = new ControlLoop(ExecutorFactory.create(card, card.execution()), new ActionInterpolator(card.execution().interpolation(), dim),
                new SafetyFilter(safety, controlPeriodNs), (nowNs, out) -> {
                    System.arraycopy(zero, 0, out, 0, dim);
                    return nowNs;
                }, (command, nowNs) -> { }, new Sweep(safety), new LoopStats(), card.output().horizon(), dim, card.rates().policyPeriodNs(),
                safety.observationStaleNs(), safety.actionStaleNs(), 0);
        long now = 1_000_000_000L;
        for (int k = 0; k < ticks; k++) {
            now += controlPeriodNs;
            loop.tick(now);
        }
    }
}
