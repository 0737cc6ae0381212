package io.chunkrt.fusion;

import io.chunkrt.card.ImageSpec;
import io.chunkrt.fusion.image.ImagePreprocessor;
import io.chunkrt.fusion.image.PixelEncoding;
import io.chunkrt.normalize.FeatureNormalizer;
import io.chunkrt.normalize.NormalizationMode;
import io.chunkrt.normalize.NormalizationVariant;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
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
 * 480x640 rgb8 camera frames to ImageNet-normalized CHW float tensors (the direct buffer ONNX Runtime reads), at full
 * size and resized to 224x224, for 1 and 4 cameras. The baseline ({@link FrameCopyBaseline}) copies the same frame
 * bytes once, in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class PreprocessBenchmark {
    @Param({"1", "4"})
    public int cameras;

    @Param({"full", "224", "224area"})
    public String target;

    private byte[][] frames;
    private ImagePreprocessor[] preprocessors;
    private FloatBuffer tensor;
    private int size;

    @Setup(Level.Trial)
    public void setUp() {
        ImageSpec spec = FusionBenchFrames.spec(target);
        frames = new byte[cameras][];
        preprocessors = new ImagePreprocessor[cameras];
        for (int c = 0; c < cameras; c++) {
            frames[c] = FusionBenchFrames.rgb8(c);
            FeatureNormalizer imagenet = FeatureNormalizer.of(NormalizationMode.IMAGENET, NormalizationVariant.LEROBOT, 1e-8f, null, null, 3, spec.planeSize());
            preprocessors[c] = new ImagePreprocessor(FusionBenchFrames.WIDTH, FusionBenchFrames.HEIGHT, spec, imagenet);
        }
        size = preprocessors[0].outputSize();
        tensor = ByteBuffer.allocateDirect(cameras * size * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Every camera's frame into its slice of the batched tensor. */
    @Benchmark
    public FloatBuffer preprocess() {
        for (int c = 0; c < cameras; c++) {
            preprocessors[c].process(frames[c], PixelEncoding.RGB8, tensor, c * size);
        }
        return tensor;
    }
}
