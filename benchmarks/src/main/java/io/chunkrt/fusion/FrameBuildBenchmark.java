package io.chunkrt.fusion;

import io.chunkrt.card.ActionSemantics;
import io.chunkrt.card.ExecutionSettings;
import io.chunkrt.card.ExecutorKind;
import io.chunkrt.card.InputSpec;
import io.chunkrt.card.InputType;
import io.chunkrt.card.ModelRef;
import io.chunkrt.card.NormalizationSettings;
import io.chunkrt.card.OutputSpec;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.card.PolicyKind;
import io.chunkrt.card.Rates;
import io.chunkrt.fusion.image.PixelEncoding;
import io.chunkrt.normalize.NormalizationMode;
import io.chunkrt.normalize.NormalizationVariant;
import io.chunkrt.policy.ObservationTensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * A whole frame on the inference thread: snapshot, align, pin and preprocess 1 or 4 cameras (640x480 rgb8, ImageNet
 * normalization) plus a 14-joint state from two arms, into the policy's observation tensors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class FrameBuildBenchmark {
    private static final long MS = 1_000_000L;

    @Param({"1", "4"})
    public int cameras;

    @Param({"full", "224"})
    public String target;

    private FrameAssembler assembler;
    private ObservationTensors out;
    private long nowNs;

    @Setup(Level.Trial)
    public void setUp() {
        List<String> joints = new ArrayList<>();
        for (int j = 0; j < 14; j++) {
            joints.add("joint_" + j);
        }
        List<InputSpec> inputs = new ArrayList<>();
        inputs.add(new InputSpec("observation.state", "observation.state", InputType.STATE, joints, null, 1, NormalizationMode.IDENTITY, null));
        ObservationStreams.Builder b = ObservationStreams.builder()
                .jointStates("left", joints.subList(0, 7), StreamSettings.of(16, 1_000 * MS))
                .jointStates("right", joints.subList(7, 14), StreamSettings.of(16, 1_000 * MS));
        for (int c = 0; c < cameras; c++) {
            String cam = "cam" + c;
            inputs.add(new InputSpec("observation.images." + cam, "observation.images." + cam, InputType.IMAGE, List.of(), cam, 1,
                    NormalizationMode.IMAGENET, FusionBenchFrames.spec(target)));
            b.camera(cam, FusionBenchFrames.WIDTH, FusionBenchFrames.HEIGHT, StreamSettings.of(4, 1_000 * MS));
        }
        PolicyCard card = new PolicyCard(Path.of("bench.yaml"), "bench", PolicyKind.CHUNK, new ModelRef(Path.of("m.onnx"), "0".repeat(64)), inputs,
                new OutputSpec("action", "action", List.of("a"), 1, ActionSemantics.ABSOLUTE, NormalizationMode.IDENTITY),
                new NormalizationSettings(NormalizationVariant.LEROBOT, 1e-8), Map.of(), new Rates(10, 50),
                ExecutionSettings.queue(1), null, null);
        ObservationStreams streams = b.build();
        long t = 1_000 * MS;
        double[] pos = new double[7];
        // arms at 125 Hz (t - 12, t - 4), cameras at t - 5: the frame aligns to t - 5 and takes the arms' t - 12 sample
        for (long stamp : new long[] {t - 12 * MS, t - 4 * MS}) {
            streams.jointStates("left").offer(stamp, stamp + MS, joints.subList(0, 7).toArray(new String[0]), pos);
            streams.jointStates("right").offer(stamp, stamp + MS, joints.subList(7, 14).toArray(new String[0]), pos);
        }
        for (int c = 0; c < cameras; c++) {
            byte[] frame = FusionBenchFrames.rgb8(c);
            streams.camera("cam" + c).offer(t - 5 * MS, t - MS, PixelEncoding.RGB8, FusionBenchFrames.WIDTH, FusionBenchFrames.HEIGHT,
                    FusionBenchFrames.WIDTH * 3, false, frame, 0, FusionBenchFrames.RGB8_BYTES);
        }
        assembler = new FrameAssembler(card, streams, AlignmentMode.ALIGNED);
        out = new ObservationTensors(card);
        nowNs = t;
        if (!assembler.build(nowNs, out)) {
            throw new IllegalStateException("benchmark frame not built: " + assembler.lastFault());
        }
    }

    @Benchmark
    public boolean build() {
        return assembler.build(nowNs, out);
    }
}
