package io.chunkrt.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the policy benchmarks and prints each figure as a ratio against its baseline from the same run:
 * the card-driven single pass against a bare OrtSession.run, and a sampling step's runtime work against
 * its network time. Extra JMH options pass through (e.g. -prof gc, -f 2).
 */
public final class PolicyRatioReport {
    private PolicyRatioReport() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        var options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include("io.chunkrt.policy.onnx.CardSinglePassBenchmark")
                .include("io.chunkrt.policy.onnx.DenoisingStepBenchmark")
                .include("io.chunkrt.policy.onnx.PairedOverheadBenchmark")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> us = new HashMap<>();
        Map<String, Double> err = new HashMap<>();
        Map<String, Double> paired = new HashMap<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String key = bench.substring(bench.lastIndexOf('.') + 1) + "|" + param(r);
            us.put(key, r.getPrimaryResult().getScore());
            err.put(key, r.getPrimaryResult().getScoreError());
            r.getSecondaryResults().forEach((name, result) -> paired.put(name + "|" + param(r), result.getScore()));
        }
        System.out.println();
        System.out.println("== card-driven single pass vs bare OrtSession.run (same model, same run; goal overhead <= 3 %)");
        for (String model : new String[] {"act_like", "mlp_actor"}) {
            Double bare = us.get("bareSessionRun|" + model);
            Double card = us.get("cardSinglePass|" + model);
            if (bare != null && card != null) {
                System.out.printf("  %-28s bare %9.2f ± %.2f us   card %9.2f ± %.2f us   overhead %+6.2f %%%n", model, bare,
                        err.get("bareSessionRun|" + model), card, err.get("cardSinglePass|" + model), 100 * (card / bare - 1));
            }
        }
        System.out.println("== the same, paired: bare and card back to back in each invocation (steadier under load)");
        for (String model : new String[] {"act_like", "mlp_actor"}) {
            Double bare = paired.get("bareNs|" + model);
            Double card = paired.get("cardNs|" + model);
            if (bare != null && card != null && bare > 0) {
                System.out.printf("  %-28s card / bare = %.4f  (overhead %+6.2f %%)%n", model, card / bare, 100 * (card / bare - 1));
            }
        }
        System.out.println("== sampling step: runtime work vs network time (same run; goal <= 1 %)");
        for (String card : new String[] {"unet_denoiser/card_ddim10", "flow_velocity/card"}) {
            Double net = us.get("networkOnly|" + card);
            Double own = us.get("stepWithoutNetwork|" + card);
            Double loop = us.get("fullLoop|" + card);
            if (net != null && own != null) {
                System.out.printf("  %-28s network %9.2f us   runtime share %8.3f us = %6.3f %%   full loop %9.2f us%n", card, net, own,
                        100 * own / net, loop == null ? Double.NaN : loop);
            }
        }
    }

    private static String param(RunResult r) {
        String model = r.getParams().getParam("model");
        return model != null ? model : r.getParams().getParam("card");
    }
}
