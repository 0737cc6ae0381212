package io.chunkrt.cli;

import io.chunkrt.control.LoopCounter;
import io.chunkrt.control.LoopStats;
import io.chunkrt.ros.node.PolicyNode;
import io.chunkrt.ros.params.NodeCommandLine;
import io.chunkrt.ros.params.NodeLaunch;
import io.chunkrt.safety.SafetyFault;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code chunkrt run --params FILE [--ros-args ...]}: the ROS 2 node. Every argument goes, untouched, to the
 * bridge's ROS argument parser ({@link NodeCommandLine}), which reads them as rcl does, so the arguments
 * {@code ros2 launch} appends work as they are. Runs until SIGINT/SIGTERM (as {@code ros2 launch} stops a node),
 * then prints a summary.
 */
@Command(name = "run", modelTransformer = RunCommand.RawArguments.class, description = {"Run the ROS 2 node: subscribe to joint states and cameras, run the policy, publish controller commands.",
        "Usage: chunkrt run --params FILE.yaml [--record BAG_DIR] [--ros-args -r __node:=NAME -r __ns:=/NS -p name:=value --params-file FILE ...]",
        "Parameters are documented in docs/ros2.md; commands flow after true is published to ~/enable (unless enable.initial is true)."})
final class RunCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /**
     * Hands every argument to the ROS parser as given: picocli would otherwise take a {@code --} (which closes a
     * {@code --ros-args} section in rcl) as its own end-of-options marker.
     */
    static final class RawArguments implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec commandSpec) {
            commandSpec.parser().endOfOptionsDelimiter("\u0000chunkrt-no-delimiter");
            commandSpec.parser().unmatchedOptionsArePositionalParams(false);
            return commandSpec;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (args.equals(List.of("--help")) || args.equals(List.of("-h"))) {
            spec.commandLine().usage(out);
            return 0;
        }
        NodeLaunch launch = NodeCommandLine.parse(args, System.getenv());
        PolicyNode node = new PolicyNode(launch, System.getenv());
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = Thread.ofPlatform().name("chunkrt-shutdown").unstarted(() -> {
            node.close();
            try {
                reported.await(3, TimeUnit.SECONDS); // let the main thread print its summary before the JVM halts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (!node.start()) {
                return 0;
            }
            out.printf(Locale.ROOT, "chunkrt run: node %s running policy %s, control %.1f Hz, %s%n", launch.node().fullyQualifiedName(), node.card().name(),
                    node.controlHz(), launch.parameters().enabledAtStart() ? "enabled" : "disabled until true is published to ~/enable");
            out.flush();
            node.awaitClosed();
            try {
                summary(out, node);
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("chunkrt run: no summary: " + e);
                e.printStackTrace(new PrintWriter(spec.commandLine().getErr(), true));
            }
            return 0;
        } finally {
            node.close();
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it closed the node
            }
        }
    }

    private static void summary(PrintWriter out, PolicyNode node) {
        LoopStats stats = node.stats();
        LoopStats.Histograms h = stats.totals();
        out.printf(Locale.ROOT, "chunkrt run: stopped; %d ticks, %d missed periods, %d hold ticks, %d disabled ticks; commands published per controller %s%n",
                stats.get(LoopCounter.TICKS), stats.get(LoopCounter.MISSED_PERIODS), stats.get(LoopCounter.HOLD_TICKS), stats.get(LoopCounter.DISABLED_TICKS),
                node.commandsPublished());
        out.printf(Locale.ROOT, "period error us: %s; tick cost us: %s; inference ms: %s over %d chunks (%d stale)%n", percentiles(h.periodErrorNs(), 1e3),
                percentiles(h.tickCostNs(), 1e3), percentiles(h.inferenceLatencyNs(), 1e6), stats.get(LoopCounter.CHUNKS_ACCEPTED),
                stats.get(LoopCounter.STALE_CHUNKS));
        StringBuilder faults = new StringBuilder();
        if (node.safety() != null) {
            for (SafetyFault f : SafetyFault.values()) {
                long n = node.safety().faults().get(f);
                if (n > 0) {
                    faults.append(faults.isEmpty() ? "" : ", ").append(f.name().toLowerCase(Locale.ROOT)).append(' ').append(n);
                }
            }
        }
        out.printf("safety interventions (ticks): %s%n", faults.isEmpty() ? "none" : faults);
        if (node.recordingDirectory() != null) {
            out.printf(Locale.ROOT, "flight recording %s: %d records, %d dropped (ring full)%s%n", node.recordingDirectory(), node.recordsRecorded(),
                    node.recordsDropped(), node.recordingFailure() == null ? "" : "; FAILED: " + node.recordingFailure());
        }
        out.flush();
    }

    private static String percentiles(Histogram h, double unit) {
        if (h.getTotalCount() == 0) {
            return "none";
        }
        return String.format(Locale.ROOT, "p50 %.2f p99 %.2f max %.2f", h.getValueAtPercentile(50) / unit, h.getValueAtPercentile(99) / unit, h.getMaxValue() / unit);
    }
}
