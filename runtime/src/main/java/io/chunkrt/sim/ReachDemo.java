package io.chunkrt.sim;

import io.chunkrt.card.CardLoader;
import io.chunkrt.card.ExecutionSettings;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.chunking.ActionInterpolator;
import io.chunkrt.chunking.ChunkExecutor;
import io.chunkrt.chunking.ExecutorFactory;
import io.chunkrt.control.ControlLoop;
import io.chunkrt.control.FixedRateRunner;
import io.chunkrt.control.InferenceService;
import io.chunkrt.control.LoopStats;
import io.chunkrt.control.ThreadedInference;
import io.chunkrt.control.VirtualLatencyInference;
import io.chunkrt.policy.Policy;
import io.chunkrt.policy.onnx.OnnxPolicies;
import io.chunkrt.safety.JointLimits;
import io.chunkrt.safety.SafetyConfig;
import io.chunkrt.safety.SafetyFilter;
import io.chunkrt.time.ManualClock;
import io.chunkrt.time.WallClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The bundled demo: the models/demo_reach policy drives the simulated 6-joint arm to a target pose given in its
 * observation, closed loop through the real path (inference service, executor, interpolation, safety, loop).
 * On the wall clock with an inference thread ({@code chunkrt demo}), or on a virtual clock with a simulated
 * inference delay (deterministic tests).
 */
public final class ReachDemo {
    public static final int JOINTS = 6;
    public static final double LIMIT_RAD = 2.5;
    public static final double TAU_S = 0.05;
    public static final double SUCCESS_RAD = 0.05;

    private ReachDemo() {}

    /**
     * @param executionOverride null keeps the card's execution settings
     * @param virtualLatencyNs  negative: wall clock with an inference thread; otherwise a virtual clock with this delay
     */
    public record Settings(Path card, double seconds, long seed, ExecutionSettings executionOverride, long virtualLatencyNs) {}

    public record Result(double finalErrorRad, boolean success, double[] start, double[] target, double[] finalPose, LoopStats stats,
            SafetyFilter safety, CommandTrace trace) {}

    public static List<String> jointNames() {
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= JOINTS; j++) {
            names.add("joint_" + j);
        }
        return names;
    }

    public static SafetyConfig safetyConfig() {
        List<JointLimits> limits = new ArrayList<>();
        for (String name : jointNames()) {
            limits.add(new JointLimits(name, -LIMIT_RAD, LIMIT_RAD, 3.0, 40.0));
        }
        return new SafetyConfig(limits, 0.5, 300_000_000L, 50_000_000L, 500_000_000L);
    }

    /**
     * Runs the same path on a throwaway arm and a virtual clock for a few seconds so the JIT has compiled the
     * tick and ONNX Runtime has done its first runs before the wall-clock loop starts: the loop statistics
     * then describe the steady state, as on a robot that warms up before it is enabled.
     */
    private static void warmUp(PolicyCard card, ExecutionSettings execution, Policy policy, Map<String, Double> task, long controlPeriodNs,
            long actionPeriodNs, int prefixSteps) {
        SimulatedArm arm = new SimulatedArm(new double[JOINTS], TAU_S, -LIMIT_RAD, LIMIT_RAD);
        LoopStats stats = new LoopStats();
        ManualClock clock = new ManualClock(0);
        SafetyConfig safetyConfig = safetyConfig();
        NamedStateObservation observation = new NamedStateObservation(card, arm, jointNames(), task);
        InferenceService inference = new VirtualLatencyInference(policy, observation, clock, stats, 0, 0);
        ControlLoop loop = new ControlLoop(ExecutorFactory.create(card, execution), new ActionInterpolator(execution.interpolation(), JOINTS),
                new SafetyFilter(safetyConfig, controlPeriodNs), arm, arm, inference, stats, card.output().horizon(), JOINTS, actionPeriodNs,
                safetyConfig.observationStaleNs(), safetyConfig.actionStaleNs(), prefixSteps);
        for (int k = 0; k < 20_000; k++) {
            clock.set(k * controlPeriodNs);
            loop.tick(k * controlPeriodNs);
        }
    }

    public static Result run(Settings settings) {
        PolicyCard card = CardLoader.load(settings.card());
        ExecutionSettings execution = settings.executionOverride() != null ? settings.executionOverride() : card.execution();
        SplittableRandom random = new SplittableRandom(settings.seed());
        double[] start = new double[JOINTS];
        double[] target = new double[JOINTS];
        for (int j = 0; j < JOINTS; j++) {
            start[j] = -1.5 + 3.0 * random.nextDouble();
        }
        for (int j = 0; j < JOINTS; j++) {
            target[j] = -1.5 + 3.0 * random.nextDouble();
        }
        Map<String, Double> task = new LinkedHashMap<>();
        for (int j = 0; j < JOINTS; j++) {
            task.put("target_" + (j + 1), target[j]);
        }
        SimulatedArm arm = new SimulatedArm(start, TAU_S, -LIMIT_RAD, LIMIT_RAD);
        LoopStats stats = new LoopStats();
        long controlPeriodNs = card.rates().controlPeriodNs();
        long actionPeriodNs = card.rates().policyPeriodNs();
        int ticks = (int) Math.ceil(settings.seconds() * 1e9 / controlPeriodNs);
        CommandTrace trace = new CommandTrace(arm, stats, JOINTS, ticks + 16);
        SafetyConfig safetyConfig = safetyConfig();
        SafetyFilter safety = new SafetyFilter(safetyConfig, controlPeriodNs);
        ChunkExecutor executor = ExecutorFactory.create(card, execution);
        ActionInterpolator interpolator = new ActionInterpolator(execution.interpolation(), JOINTS);
        int prefixSteps = execution.prefixConditioning() ? card.output().horizon() / 2 : 0;
        try (Policy policy = OnnxPolicies.open(card, OnnxPolicies.Options.defaults().withThreads(1))) {
            NamedStateObservation observation = new NamedStateObservation(card, arm, jointNames(), task);
            if (settings.virtualLatencyNs() >= 0) {
                ManualClock clock = new ManualClock(0);
                InferenceService inference = new VirtualLatencyInference(policy, observation, clock, stats, settings.virtualLatencyNs(), settings.virtualLatencyNs());
                ControlLoop loop = new ControlLoop(executor, interpolator, safety, arm, trace, inference, stats, card.output().horizon(), JOINTS,
                        actionPeriodNs, safetyConfig.observationStaleNs(), safetyConfig.actionStaleNs(), prefixSteps);
                for (int k = 0; k < ticks; k++) {
                    clock.set(k * controlPeriodNs);
                    loop.tick(k * controlPeriodNs);
                }
            } else {
                warmUp(card, execution, policy, task, controlPeriodNs, actionPeriodNs, prefixSteps);
                WallClock clock = WallClock.INSTANCE;
                try (ThreadedInference inference = new ThreadedInference(policy, observation, clock, stats)) {
                    ControlLoop loop = new ControlLoop(executor, interpolator, safety, arm, trace, inference, stats, card.output().horizon(), JOINTS,
                            actionPeriodNs, safetyConfig.observationStaleNs(), safetyConfig.actionStaleNs(), prefixSteps);
                    try (FixedRateRunner runner = new FixedRateRunner(loop, clock, controlPeriodNs, 200_000)) {
                        runner.start();
                        long endNs = clock.nanoTime() + (long) (settings.seconds() * 1e9);
                        while (clock.nanoTime() - endNs < 0) {
                            LockSupport.parkNanos(Math.min(50_000_000L, endNs - clock.nanoTime()));
                        }
                    }
                }
            }
        }
        double[] finalPose = new double[JOINTS];
        arm.snapshot(finalPose);
        double error = 0;
        for (int j = 0; j < JOINTS; j++) {
            error = Math.max(error, Math.abs(finalPose[j] - target[j]));
        }
        return new Result(error, error < SUCCESS_RAD, start, target, finalPose, stats, safety, trace);
    }
}
