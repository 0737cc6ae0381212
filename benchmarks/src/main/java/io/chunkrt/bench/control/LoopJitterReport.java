package io.chunkrt.bench.control;

import io.chunkrt.bench.BenchPaths;
import io.chunkrt.card.CardLoader;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.chunking.ActionInterpolator;
import io.chunkrt.chunking.ExecutorFactory;
import io.chunkrt.control.ControlLoop;
import io.chunkrt.control.FixedRateRunner;
import io.chunkrt.control.InferenceService;
import io.chunkrt.control.LoopCounter;
import io.chunkrt.control.LoopStats;
import io.chunkrt.policy.ActionChunk;
import io.chunkrt.policy.Policy;
import io.chunkrt.policy.onnx.OnnxPolicies;
import io.chunkrt.safety.JointLimits;
import io.chunkrt.safety.SafetyConfig;
import io.chunkrt.safety.SafetyFilter;
import io.chunkrt.sim.SimulatedArm;
import io.chunkrt.tensorfile.NpyReader;
import io.chunkrt.time.WallClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Period error of the 200 Hz fixed-rate loop (park, then spin the last stretch) on the wall clock, first on a
 * quiet machine, then while an inference thread runs the ACT-like policy back to back, in the same run.
 * Usage: java -cp benchmarks.jar io.chunkrt.bench.control.LoopJitterReport [seconds per phase, default 20]
 */
public final class LoopJitterReport {
    private static final long PERIOD_NS = 5_000_000;

    private LoopJitterReport() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        Path dir = BenchPaths.models().resolve("act_like");
        PolicyCard card = CardLoader.load(dir.resolve("card.yaml"));
        try (Policy policy = OnnxPolicies.open(card, OnnxPolicies.Options.defaults())) {
            for (int i = 0; i < policy.observation().size(); i++) {
                policy.observation().putRaw(i, NpyReader.read(dir.resolve("reference/input." + policy.observation().spec(i).name() + ".npy")).toFloatArray());
            }
            ActionChunk chunk = policy.newChunk();
            policy.infer(chunk);
            System.out.printf("200 Hz loop, 14 joints, temporal ensembling, %.0f s per phase, %d cores%n", seconds, Runtime.getRuntime().availableProcessors());
            Histogram quiet = phase(card, chunk, seconds);
            AtomicBoolean busy = new AtomicBoolean(true);
            long[] inferences = new long[1];
            Thread inference = Thread.ofPlatform().name("busy-inference").start(() -> {
                ActionChunk out = policy.newChunk();
                while (busy.get()) {
                    policy.infer(out);
                    inferences[0]++;
                }
            });
            Histogram loaded = phase(card, chunk, seconds);
            busy.set(false);
            inference.join();
            print("quiet (baseline)", quiet);
            print("inference busy", loaded);
            System.out.printf("  back-to-back inferences during the busy phase: %d (%.0f per second)%n", inferences[0], inferences[0] / seconds);
            System.out.printf("  ratio busy / quiet: p50 %.2f  p99 %.2f%n", ratio(loaded, quiet, 50), ratio(loaded, quiet, 99));
        }
    }

    private static double ratio(Histogram a, Histogram b, double p) {
        return (double) a.getValueAtPercentile(p) / Math.max(1, b.getValueAtPercentile(p));
    }

    private static void print(String name, Histogram h) {
        System.out.printf("  %-18s period error us: p50 %7.1f  p99 %7.1f  p99.9 %7.1f  max %8.1f  (%d ticks)%n", name, h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, h.getTotalCount());
    }

    private static Histogram phase(PolicyCard card, ActionChunk chunk, double seconds) {
        int joints = card.output().actionDim();
        List<JointLimits> limits = new ArrayList<>();
        for (String name : card.output().joints()) {
            limits.add(new JointLimits(name, -3, 3, 2, 20));
        }
        SafetyConfig safety = new SafetyConfig(limits, 0.5, 100_000_000, 1_000_000_000, 1_000_000_000);
        SimulatedArm arm = new SimulatedArm(new double[joints], 0.05, -3, 3);
        LoopStats stats = new LoopStats();
        // a chunk for every request, at once: the control path's work without inference (which runs on its own thread)
        InferenceService feed = new InferenceService() {
            private boolean pending;
            private long stampNs;

            @Override
            public void request(long nowNs, float[] prefix, int prefixSteps) {
                pending = true;
                stampNs = nowNs;
            }

            @Override
            public boolean poll(ActionChunk out) {
                if (!pending) {
                    return false;
                }
                pending = false;
                out.copyFrom(chunk);
                out.observationStampNs(stampNs);
                return true;
            }

            @Override
            public boolean busy() {
                return pending;
            }
        };
        ControlLoop loop = new ControlLoop(ExecutorFactory.create(card, card.execution()), new ActionInterpolator(card.execution().interpolation(), joints),
                new SafetyFilter(safety, PERIOD_NS), arm, arm, feed, stats, card.output().horizon(), joints, card.rates().policyPeriodNs(),
                safety.observationStaleNs(), safety.actionStaleNs(), 0);
        try (FixedRateRunner runner = new FixedRateRunner(loop, WallClock.INSTANCE, PERIOD_NS, 200_000)) {
            runner.start();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() - end < 0) {
                LockSupport.parkNanos(100_000_000);
            }
        }
        System.out.printf("  phase done: %d ticks, %d missed periods%n", stats.get(LoopCounter.TICKS), stats.get(LoopCounter.MISSED_PERIODS));
        return stats.totals().periodErrorNs();
    }
}
