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
 * Runs {@code io.chunkrt.ros.msg.RosCodecBenchmark} and prints each codec's time as a ratio against copying
 * the same serialized bytes, measured in the same run. Extra JMH options pass through (e.g. -prof gc).
 */
public final class RosCodecRatioReport {
    private RosCodecRatioReport() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        var options = new OptionsBuilder().parent(new CommandLineOptions(args)).include("io.chunkrt.ros.msg.RosCodecBenchmark").build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> ns = new HashMap<>();
        for (RunResult r : results) {
            String b = r.getParams().getBenchmark();
            ns.put(b.substring(b.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("== CDR codecs vs copying the same bytes (same run)");
        ratio(ns, "decodeJointState", "copyJointStateBytes", "JointState(14) decode, 668 B");
        ratio(ns, "encodeJointState", "copyJointStateBytes", "JointState(14) encode, 668 B");
        ratio(ns, "decodeImage", "copyImageBytes", "Image 640x480 rgb8 decode, 921 KB");
    }

    private static void ratio(Map<String, Double> ns, String bench, String base, String label) {
        Double b = ns.get(bench);
        Double c = ns.get(base);
        if (b != null && c != null) {
            System.out.printf("  %-34s %10.1f ns   copy %10.1f ns   ratio %.2f%n", label, b, c, b / c);
        }
    }
}
