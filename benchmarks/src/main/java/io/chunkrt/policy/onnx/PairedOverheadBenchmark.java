package io.chunkrt.policy.onnx;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The card path and the bare session run back to back in every invocation, so both see the same machine
 * load; on a noisy 2-core machine this pairing measures the ratio far more steadily than two separate
 * benchmarks. Reported as the summed nanoseconds of each side (secondary results).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class PairedOverheadBenchmark {

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Sides {
        public long bareNs;
        public long cardNs;

        @Setup(Level.Iteration)
        public void clear() {
            bareNs = 0;
            cardNs = 0;
        }
    }

    @Benchmark
    public float bareThenCard(CardSinglePassBenchmark models, Sides sides) throws Exception {
        long t0 = System.nanoTime();
        models.bareSessionRun();
        long t1 = System.nanoTime();
        float v = models.cardSinglePass();
        long t2 = System.nanoTime();
        sides.bareNs += t1 - t0;
        sides.cardNs += t2 - t1;
        return v;
    }
}
