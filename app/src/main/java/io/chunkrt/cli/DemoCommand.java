package io.chunkrt.cli;

import io.chunkrt.card.ExecutionSettings;
import io.chunkrt.card.ExecutorKind;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.card.CardLoader;
import io.chunkrt.chunking.Interpolation;
import io.chunkrt.control.LoopCounter;
import io.chunkrt.control.LoopStats;
import io.chunkrt.safety.SafetyFault;
import io.chunkrt.sim.ReachDemo;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chunkrt demo}: the bundled reach policy drives the built-in simulated arm, closed loop, no ROS. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Drive the built-in simulated 6-joint arm to a target pose with the bundled demo policy "
                + "(inference thread, chunk executor, safety, fixed-rate loop) and print loop statistics.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "10", description = "how long to run (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the start and target poses (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--card", description = "policy card (default: models/demo_reach/card.yaml of this checkout)")
    Path card;

    @Option(names = "--executor", description = "override the card's executor: ${COMPLETION-CANDIDATES}")
    ExecutorKind executor;

    @Option(names = "--interpolation", description = "override the card's interpolation: ${COMPLETION-CANDIDATES}")
    Interpolation interpolation;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path cardFile = card != null ? card : DemoFiles.defaultCard();
        PolicyCard loaded = CardLoader.load(cardFile);
        ExecutionSettings execution = loaded.execution();
        if (executor != null) {
            execution = execution.withExecutor(executor);
        }
        if (interpolation != null) {
            execution = execution.withInterpolation(interpolation);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("demo: %s (%s executor, %s interpolation), %.1f s, control %.0f Hz, actions %.0f Hz, seed %d%n", loaded.name(),
                execution.executor().name().toLowerCase(), execution.interpolation().name().toLowerCase(), seconds, loaded.rates().controlHz(),
                loaded.rates().policyHz(), seed);
        out.flush();
        ReachDemo.Result r = ReachDemo.run(new ReachDemo.Settings(cardFile, seconds, seed, execution, -1));
        LoopStats stats = r.stats();
        LoopStats.Histograms h = stats.totals();
        out.printf("start   %s%ntarget  %s%nfinal   %s%n", fmt(r.start()), fmt(r.target()), fmt(r.finalPose()));
        out.printf("loop: %d ticks, %d missed periods, %d hold ticks%n", stats.get(LoopCounter.TICKS), stats.get(LoopCounter.MISSED_PERIODS),
                stats.get(LoopCounter.HOLD_TICKS));
        out.printf("period error us: %s%n", percentiles(h.periodErrorNs()));
        out.printf("tick cost us:    %s%n", percentiles(h.tickCostNs()));
        out.printf("inference ms:    %s over %d chunks (%d requests, %d stale)%n", percentilesMs(h.inferenceLatencyNs()),
                stats.get(LoopCounter.CHUNKS_ACCEPTED), stats.get(LoopCounter.INFERENCE_REQUESTS), stats.get(LoopCounter.STALE_CHUNKS));
        StringBuilder faults = new StringBuilder();
        for (SafetyFault f : SafetyFault.values()) {
            long n = r.safety().faults().get(f);
            if (n > 0) {
                faults.append(faults.isEmpty() ? "" : ", ").append(f.name().toLowerCase()).append(' ').append(n);
            }
        }
        out.printf("safety interventions (ticks): %s%n", faults.isEmpty() ? "none" : faults);
        out.printf("result: final distance to target %.4f rad (max over joints), %s (threshold %.2f rad)%n", r.finalErrorRad(),
                r.success() ? "SUCCESS" : "FAILED", ReachDemo.SUCCESS_RAD);
        out.flush();
        return r.success() ? 0 : 1;
    }

    private static String fmt(double[] v) {
        return Arrays.stream(v).mapToObj(x -> String.format("%+.3f", x)).reduce((a, b) -> a + " " + b).orElse("");
    }

    private static String percentiles(Histogram h) {
        return String.format("p50 %.1f  p99 %.1f  max %.1f", h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3);
    }

    private static String percentilesMs(Histogram h) {
        return String.format("p50 %.2f  p99 %.2f  max %.2f", h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
    }

    /** The demo's files live in the checkout's models/ folder (bin/chunkrt runs from anywhere). */
    static final class DemoFiles {
        private DemoFiles() {}

        static Path defaultCard() {
            String home = System.getProperty("chunkrt.home");
            Path base = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
            for (Path dir = base; dir != null; dir = dir.getParent()) {
                Path cardFile = dir.resolve("models/demo_reach/card.yaml");
                if (Files.isRegularFile(cardFile)) {
                    return cardFile;
                }
            }
            throw new io.chunkrt.card.CardException("cannot find models/demo_reach/card.yaml above " + base + "; pass --card <card.yaml>");
        }
    }
}
