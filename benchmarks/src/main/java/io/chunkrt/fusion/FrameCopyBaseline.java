package io.chunkrt.fusion;

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

/** The baseline: one plain copy of each camera's 640x480 rgb8 frame bytes (921 600 B), the least any ingest does. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class FrameCopyBaseline {
    @Param({"1", "4"})
    public int cameras;

    private byte[][] frames;
    private byte[][] copies;

    @Setup(Level.Trial)
    public void setUp() {
        frames = new byte[cameras][];
        copies = new byte[cameras][];
        for (int c = 0; c < cameras; c++) {
            frames[c] = FusionBenchFrames.rgb8(c);
            copies[c] = new byte[FusionBenchFrames.RGB8_BYTES];
        }
    }

    @Benchmark
    public byte[][] copyFrameBytes() {
        for (int c = 0; c < cameras; c++) {
            System.arraycopy(frames[c], 0, copies[c], 0, FusionBenchFrames.RGB8_BYTES);
        }
        return copies;
    }
}
