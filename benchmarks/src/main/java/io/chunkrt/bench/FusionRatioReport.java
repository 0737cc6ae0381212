package io.chunkrt.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the fusion benchmarks and prints median times per camera frame, each against the plain copy of the same frame
 * bytes measured in the same run, and the bytes each operation allocates (a second, average-time pass with JMH's GC
 * profiler). Extra JMH options pass through: {@code java -cp benchmarks/target/benchmarks.jar io.chunkrt.bench.FusionRatioReport}.
 */
public final class FusionRatioReport {
    private FusionRatioReport() {}

    private record Figure(double p50Us, double meanUs, double bytesPerOp) {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions given = new CommandLineOptions(args);
        // pass 1: sampled times for the medians
        Collection<RunResult> timed = new Runner(include(new OptionsBuilder().parent(given)).build()).run();
        // pass 2: allocation per operation with the GC profiler in average-time mode (JMH's sampling mode allocates its own samples)
        Collection<RunResult> allocation = new Runner(include(new OptionsBuilder().parent(given))
                .mode(Mode.AverageTime).addProfiler(GCProfiler.class).warmupIterations(2).measurementIterations(3).build()).run();
        Map<String, Double> bytes = new LinkedHashMap<>();
        for (RunResult r : allocation) {
            Result<?> gc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            bytes.put(key(r), gc == null ? Double.NaN : gc.getScore());
        }
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (RunResult r : timed) {
            figures.put(key(r), new Figure(r.getPrimaryResult().getStatistics().getPercentile(50), r.getPrimaryResult().getScore(),
                    bytes.getOrDefault(key(r), Double.NaN)));
        }
        System.out.println();
        System.out.println("== 480x640 rgb8 -> ImageNet-normalized CHW float (goal: <= 1000 us per frame, median; 0 B/op)");
        System.out.printf("  %-9s %-8s %14s %14s %12s %12s%n", "cameras", "target", "p50 us/call", "p50 us/frame", "x copy", "B/op");
        for (String cams : new String[] {"1", "4"}) {
            Figure copy = figures.get("copyFrameBytes|" + cams + "|");
            for (String target : new String[] {"full", "224", "224area"}) {
                Figure f = figures.get("preprocess|" + cams + "|" + target);
                if (f != null && copy != null) {
                    int n = Integer.parseInt(cams);
                    System.out.printf("  %-9s %-8s %14.1f %14.1f %12.1f %12.1f%n", cams, target, f.p50Us, f.p50Us / n, f.p50Us / copy.p50Us, f.bytesPerOp);
                }
            }
            if (copy != null) {
                System.out.printf("  %-9s %-8s %14.1f %14.1f %12s %12.1f   (baseline: plain copy of the frame bytes)%n", cams, "copy", copy.p50Us,
                        copy.p50Us / Integer.parseInt(cams), "1.0", copy.bytesPerOp);
            }
        }
        Figure copy1 = figures.get("copyFrameBytes|1|");
        System.out.println("== one 640x480 camera message into a stream ring");
        for (String b : new String[] {"rawRgb8Offer", "jpegOfferImageIO", "jpegPlainImageIORead"}) {
            Figure f = figures.get(b + "||");
            if (f != null && copy1 != null) {
                System.out.printf("  %-22s p50 %9.1f us   x copy %8.1f   B/op %12.1f%n", b, f.p50Us, f.p50Us / copy1.p50Us, f.bytesPerOp);
            }
        }
        System.out.println("== whole frame build (align, pin, preprocess every camera, 14-joint state)");
        for (String cams : new String[] {"1", "4"}) {
            for (String target : new String[] {"full", "224"}) {
                Figure f = figures.get("build|" + cams + "|" + target);
                if (f != null) {
                    System.out.printf("  %s camera(s) %-5s p50 %9.1f us   per camera %9.1f us   B/op %8.1f%n", cams, target, f.p50Us,
                            f.p50Us / Integer.parseInt(cams), f.bytesPerOp);
                }
            }
        }
    }

    private static ChainedOptionsBuilder include(ChainedOptionsBuilder b) {
        return b.include("io.chunkrt.fusion.FrameCopyBaseline")
                .include("io.chunkrt.fusion.PreprocessBenchmark")
                .include("io.chunkrt.fusion.CameraIngestBenchmark")
                .include("io.chunkrt.fusion.FrameBuildBenchmark");
    }

    private static String key(RunResult r) {
        String bench = r.getParams().getBenchmark();
        return bench.substring(bench.lastIndexOf('.') + 1) + "|" + param(r, "cameras") + "|" + param(r, "target");
    }

    private static String param(RunResult r, String name) {
        String v = r.getParams().getParam(name);
        return v == null ? "" : v;
    }
}
