package io.chunkrt.bench.control;

import io.chunkrt.bench.BenchPaths;
import io.chunkrt.card.CardLoader;
import io.chunkrt.card.ExecutionSettings;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.chunking.ActionInterpolator;
import io.chunkrt.chunking.ExecutorFactory;
import io.chunkrt.control.ControlLoop;
import io.chunkrt.control.InferenceService;
import io.chunkrt.control.LoopStats;
import io.chunkrt.policy.ActionChunk;
import io.chunkrt.policy.Policy;
import io.chunkrt.policy.onnx.OnnxPolicies;
import io.chunkrt.safety.JointLimits;
import io.chunkrt.safety.SafetyConfig;
import io.chunkrt.safety.SafetyFilter;
import io.chunkrt.sim.SimulatedArm;
import io.chunkrt.tensorfile.NpyReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tick cost excluding inference: 14 joints, ACT temporal ensembling over 100-step chunks, a new chunk every
 * action step (the worst case: the full 100 x 14 ensemble update each tick), interpolation, safety and the
 * command write. Baseline in the same run: a tick with no chunk to take (safety and command write only).
 * Goal: p99 <= 10 us.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class ControlTickBenchmark {
    private static final long PERIOD_NS = 20_000_000;

    @Param({"LINEAR", "CUBIC_HERMITE"})
    public String interpolation;

    private ControlLoop ensembling;
    private ControlLoop holding;
    private long now;

    /** Hands the same precomputed chunk at every poll, stamped with the tick's time: inference without its cost. */
    static final class EveryStepChunk implements InferenceService {
        private final ActionChunk chunk;
        long nowNs;
        boolean deliver = true;

        EveryStepChunk(ActionChunk chunk) {
            this.chunk = chunk;
        }

        @Override
        public void request(long nowNs, float[] prefix, int prefixSteps) {}

        @Override
        public boolean poll(ActionChunk out) {
            if (!deliver) {
                return false;
            }
            out.copyFrom(chunk);
            out.observationStampNs(nowNs);
            return true;
        }

        @Override
        public boolean busy() {
            return false;
        }
    }

    private EveryStepChunk ensembleFeed;
    private EveryStepChunk holdFeed;

    @Setup(Level.Trial)
    public void setUp() {
        Path dir = BenchPaths.models().resolve("act_like");
        PolicyCard card = CardLoader.load(dir.resolve("card.yaml"));
        ActionChunk chunk;
        try (Policy policy = OnnxPolicies.open(card, OnnxPolicies.Options.defaults())) {
            for (int i = 0; i < policy.observation().size(); i++) {
                policy.observation().putRaw(i, NpyReader.read(dir.resolve("reference/input." + policy.observation().spec(i).name() + ".npy")).toFloatArray());
            }
            chunk = policy.newChunk();
            policy.infer(chunk);
        }
        ensembleFeed = new EveryStepChunk(chunk);
        holdFeed = new EveryStepChunk(chunk);
        holdFeed.deliver = false;
        ExecutionSettings execution = card.execution().withInterpolation(io.chunkrt.chunking.Interpolation.valueOf(interpolation));
        ensembling = loop(card, execution, ensembleFeed);
        holding = loop(card, execution, holdFeed);
    }

    private static ControlLoop loop(PolicyCard card, ExecutionSettings execution, InferenceService feed) {
        int joints = card.output().actionDim();
        List<JointLimits> limits = new ArrayList<>();
        for (String name : card.output().joints()) {
            limits.add(new JointLimits(name, -3, 3, 2, 20));
        }
        SafetyConfig safety = new SafetyConfig(limits, 0.5, 100_000_000, 1_000_000_000, 1_000_000_000);
        SimulatedArm arm = new SimulatedArm(new double[joints], 0.05, -3, 3);
        return new ControlLoop(ExecutorFactory.create(card, execution), new ActionInterpolator(execution.interpolation(), joints),
                new SafetyFilter(safety, PERIOD_NS), arm, arm, feed, new LoopStats(), card.output().horizon(), joints, card.rates().policyPeriodNs(),
                safety.observationStaleNs(), safety.actionStaleNs(), 0);
    }

    @Benchmark
    public double ensemblingTick() {
        now += PERIOD_NS;
        ensembleFeed.nowNs = now;
        ensembling.tick(now);
        return ensembling.lastCommand()[0];
    }

    @Benchmark
    public double holdTickBaseline() {
        now += PERIOD_NS;
        holding.tick(now);
        return holding.lastCommand()[0];
    }
}
