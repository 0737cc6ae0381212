package io.chunkrt.policy.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.chunkrt.bench.BenchPaths;
import io.chunkrt.card.CardLoader;
import io.chunkrt.card.InputSpec;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.policy.ActionChunk;
import io.chunkrt.policy.ObservationTensors;
import io.chunkrt.policy.Policy;
import io.chunkrt.tensorfile.NpyReader;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The card-driven single pass (normalize, run with pinned tensors, unnormalize) against a bare
 * {@code OrtSession.run} of the same model on already-normalized tensors, in the same run. Goal: overhead <= 3 %.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class CardSinglePassBenchmark {
    @Param({"act_like", "mlp_actor"})
    public String model;

    private Policy policy;
    private ObservationTensors observation;
    private float[][] raw;
    private ActionChunk chunk;
    private OrtSession bare;
    private final Map<String, OnnxTensor> bareInputs = new HashMap<>();

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        Path dir = BenchPaths.models().resolve(model);
        PolicyCard card = CardLoader.load(dir.resolve("card.yaml"));
        policy = OnnxPolicies.open(card, OnnxPolicies.Options.defaults());
        observation = policy.observation();
        raw = new float[observation.size()][];
        for (int i = 0; i < observation.size(); i++) {
            float[] v = NpyReader.read(dir.resolve("reference/input." + observation.spec(i).name() + ".npy")).toFloatArray();
            raw[i] = v;
        }
        chunk = policy.newChunk();
        bare = OnnxSessions.open(card.model().file(), 1);
        for (InputSpec in : card.inputs()) {
            float[] v = NpyReader.read(dir.resolve("reference/onnx_input." + in.name() + ".npy")).toFloatArray();
            bareInputs.put(in.name(), OnnxTensor.createTensor(OnnxSessions.environment(), FloatBuffer.wrap(v), in.onnxShape()));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        policy.close();
        bareInputs.values().forEach(OnnxTensor::close);
        bare.close();
    }

    /** Baseline: what a user's loop does at the least, on tensors it already normalized. */
    @Benchmark
    public long bareSessionRun() throws OrtException {
        try (OrtSession.Result result = bare.run(bareInputs)) {
            return result.size();
        }
    }

    @Benchmark
    public float cardSinglePass() {
        // the card path includes normalizing the raw observation into the network's buffers
        for (int i = 0; i < raw.length; i++) {
            observation.putRaw(i, raw[i]);
        }
        policy.infer(chunk);
        return chunk.values()[0];
    }
}
