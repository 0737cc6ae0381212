package io.chunkrt.policy.onnx;

import io.chunkrt.bench.BenchPaths;
import io.chunkrt.card.CardLoader;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.policy.ActionChunk;
import io.chunkrt.policy.ObservationTensors;
import io.chunkrt.policy.sampling.DenoisingSampler;
import io.chunkrt.policy.sampling.GaussianNoise;
import io.chunkrt.tensorfile.NpyReader;
import java.nio.file.Path;
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
 * One diffusion/flow step split into its network evaluation and the runtime's own work (refilling the sample
 * and time tensors, reading the output, the scheduler update), plus the whole loop. Goal: non-network time of
 * a step <= 1 % of the network time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class DenoisingStepBenchmark {
    @Param({"unet_denoiser/card_ddim10", "flow_velocity/card"})
    public String card;

    private OnnxDenoisingPolicy policy;
    private ObservationTensors observation;
    private ActionChunk chunk;
    private DenoisingSampler sampler;
    private BoundSession bound;
    private PinnedTensor sampleTensor;
    private PinnedTensor timeTensor;
    private float[] sample;
    private float[] networkOutput;
    private GaussianNoise noise;
    private int step;

    @Setup(Level.Trial)
    public void setUp() {
        Path file = BenchPaths.models().resolve(card + ".yaml");
        PolicyCard c = CardLoader.load(file);
        noise = new GaussianNoise(7);
        policy = (OnnxDenoisingPolicy) OnnxPolicies.open(c, OnnxPolicies.Options.defaults().withNoise(noise));
        observation = policy.observation();
        for (int i = 0; i < observation.size(); i++) {
            float[] v = NpyReader.read(file.getParent().resolve("reference/input." + observation.spec(i).name() + ".npy")).toFloatArray();
            observation.putRaw(i, v);
        }
        chunk = policy.newChunk();
        sampler = policy.sampler();
        bound = policy.boundSession();
        sampleTensor = policy.sampleTensor();
        timeTensor = policy.timeTensor();
        sample = new float[c.output().elementCount()];
        networkOutput = new float[sample.length];
        noise.fill(sample);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        policy.close();
    }

    /** Baseline: the network alone, on tensors already filled. */
    @Benchmark
    public float networkOnly() {
        bound.run();
        return bound.output.floats.get(0);
    }

    /** The runtime's share of one step: refill the sample and time tensors, read the output, update the sample. */
    @Benchmark
    public float stepWithoutNetwork() {
        int s = step;
        step = (step + 1) % sampler.numSteps();
        sampleTensor.floats.put(0, sample);
        timeTensor.setScalar(sampler.timeInput(s));
        bound.output.floats.get(0, networkOutput);
        sampler.step(s, networkOutput, sample, noise);
        if (s == sampler.numSteps() - 1) {
            noise.fill(sample); // keep the sample in the range a real loop sees
        }
        return sample[0];
    }

    /** The whole sampling loop as the inference thread runs it. */
    @Benchmark
    public float fullLoop() {
        policy.infer(chunk);
        return chunk.values()[0];
    }
}
