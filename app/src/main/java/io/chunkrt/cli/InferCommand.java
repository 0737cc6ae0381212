package io.chunkrt.cli;

import io.chunkrt.card.CardException;
import io.chunkrt.card.CardLoader;
import io.chunkrt.card.InputSpec;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.policy.ActionChunk;
import io.chunkrt.policy.ObservationTensors;
import io.chunkrt.policy.Policy;
import io.chunkrt.policy.RawTensor;
import io.chunkrt.policy.TensorSignature;
import io.chunkrt.policy.onnx.OnnxPolicies;
import io.chunkrt.policy.onnx.RawOnnxModel;
import io.chunkrt.policy.sampling.GaussianNoise;
import io.chunkrt.policy.sampling.NoiseSource;
import io.chunkrt.policy.sampling.RecordedNoise;
import io.chunkrt.tensorfile.NpyArray;
import io.chunkrt.tensorfile.NpyDtype;
import io.chunkrt.tensorfile.NpyReader;
import io.chunkrt.tensorfile.NpyWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chunkrt infer}: one forward pass. A bare .onnx runs its graph as is; a card adds normalization and,
 * for diffusion or flow, the whole sampling loop. Writes {@code DIR/<output-name>.npy}.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Run one forward pass (a card: normalization and the full sampling loop) and write DIR/<output>.npy.")
final class InferCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "an .onnx model or a policy card (.yaml)")
    Path model;

    @Option(names = "--input", paramLabel = "NAME=FILE.npy", description = "an input tensor; for a card, the raw (unnormalized) observation")
    Map<String, Path> inputs = new LinkedHashMap<>();

    @Option(names = "--noise", paramLabel = "FILE.npy", description = "noise rows [K, H, A] for diffusion/flow (row 0 the initial sample)")
    Path noise;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the noise when --noise is not given (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "1", description = "ONNX Runtime intra-op threads (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for <output-name>.npy")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        PrintWriter console = spec.commandLine().getOut();
        if (InspectCommand.isCard(model)) {
            inferCard(console);
        } else {
            inferRaw(console);
        }
        console.flush();
        return 0;
    }

    private void inferRaw(PrintWriter console) {
        if (noise != null) {
            throw new CardException("--noise needs a policy card (diffusion or flow); a bare .onnx runs its graph once");
        }
        Map<String, RawTensor> given = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : inputs.entrySet()) {
            NpyArray a = NpyReader.read(e.getValue());
            given.put(e.getKey(), a.dtype() == NpyDtype.INT64
                    ? RawTensor.ofLongs(e.getKey(), a.shape(), longs(a))
                    : RawTensor.ofFloats(e.getKey(), a.shape(), a.toFloatArray()));
        }
        try (RawOnnxModel onnx = new RawOnnxModel(model, threads)) {
            for (RawTensor t : onnx.run(given).values()) {
                Path file = out.resolve(t.name() + ".npy");
                if (t.floats() != null) {
                    NpyWriter.write(file, t.floats(), t.shape());
                } else {
                    float[] f = new float[t.longs().length];
                    for (int i = 0; i < f.length; i++) {
                        f[i] = t.longs()[i];
                    }
                    NpyWriter.write(file, f, t.shape());
                }
                console.printf("wrote %s %s%n", file, TensorSignature.shapeText(t.shape()));
            }
        }
    }

    private void inferCard(PrintWriter console) {
        PolicyCard card = CardLoader.load(model);
        NoiseSource source = noise == null ? new GaussianNoise(seed) : new RecordedNoise(NpyReader.read(noise).toFloatArray());
        try (Policy policy = OnnxPolicies.open(card, OnnxPolicies.Options.defaults().withThreads(threads).withNoise(source))) {
            ObservationTensors observation = policy.observation();
            List<String> expected = card.inputs().stream().map(InputSpec::name).toList();
            for (String name : inputs.keySet()) {
                if (!expected.contains(name)) {
                    throw new CardException("--input " + name + " is not an input of card " + card.displayName() + "; its inputs are " + expected);
                }
            }
            for (int i = 0; i < observation.size(); i++) {
                InputSpec in = observation.spec(i);
                Path file = inputs.get(in.name());
                if (file == null) {
                    throw new CardException("card " + card.displayName() + " input '" + in.name() + "' " + TensorSignature.shapeText(in.onnxShape())
                            + " is not given; add --input " + in.name() + "=FILE.npy");
                }
                NpyArray a = NpyReader.read(file);
                if (a.elementCount() != in.elementCount()) {
                    throw new CardException("--input " + in.name() + " has shape " + Arrays.toString(a.shape()) + " (" + a.elementCount()
                            + " values) but the card expects " + TensorSignature.shapeText(in.onnxShape()) + "; save the array with that shape");
                }
                observation.putRaw(i, a.toFloatArray());
            }
            ActionChunk chunk = policy.newChunk();
            policy.infer(chunk);
            Path file = out.resolve(card.output().name() + ".npy");
            NpyWriter.write(file, chunk.values(), card.output().onnxShape());
            console.printf("wrote %s %s%n", file, TensorSignature.shapeText(card.output().onnxShape()));
        }
    }

    private static long[] longs(NpyArray a) {
        ByteBuffer b = ByteBuffer.wrap(a.littleEndianData()).order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[Math.toIntExact(a.elementCount())];
        b.asLongBuffer().get(out);
        return out;
    }
}
