package io.chunkrt.policy.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.chunkrt.card.InputSpec;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.normalize.FeatureNormalizer;
import io.chunkrt.policy.CardNormalizers;
import io.chunkrt.policy.CardSignatureCheck;
import io.chunkrt.policy.ObservationTensors;
import io.chunkrt.policy.PolicyException;
import java.util.HashMap;
import java.util.Map;

/**
 * A session checked against its card, with every input and the output bound once to pinned tensors and the
 * input/output maps built once, so a run only refills buffers.
 */
final class BoundSession implements AutoCloseable {
    final PolicyCard card;
    final OrtSession session;
    private final FeatureNormalizer[] inputNormalizers;
    private final PinnedTensor[] observationTensors;
    private final float[][] normalized;
    final FeatureNormalizer outputNormalizer;
    final PinnedTensor output;
    private final Map<String, OnnxTensor> inputs = new HashMap<>();
    private final Map<String, OnnxTensor> pinnedOutputs = new HashMap<>();
    private final String modelName;

    BoundSession(PolicyCard card, int intraOpThreads) {
        this.card = card;
        this.modelName = card.model().file().getFileName().toString();
        this.session = OnnxSessions.open(card.model().file(), intraOpThreads);
        try {
            CardSignatureCheck.check(card, OnnxSessions.inputs(session), OnnxSessions.outputs(session));
            int n = card.inputs().size();
            inputNormalizers = new FeatureNormalizer[n];
            observationTensors = new PinnedTensor[n];
            normalized = new float[n][];
            for (int i = 0; i < n; i++) {
                InputSpec in = card.inputs().get(i);
                inputNormalizers[i] = CardNormalizers.forInput(card, in);
                observationTensors[i] = PinnedTensor.floats(in.onnxShape());
                normalized[i] = new float[in.elementCount()];
                inputs.put(in.name(), observationTensors[i].tensor);
            }
            outputNormalizer = CardNormalizers.forOutput(card);
            output = PinnedTensor.floats(card.output().onnxShape());
            pinnedOutputs.put(card.output().name(), output.tensor);
        } catch (OrtException e) {
            close();
            throw new PolicyException("cannot allocate tensors for " + modelName + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Binds an extra input (the sample or time of a denoiser). */
    void bind(String name, PinnedTensor tensor) {
        inputs.put(name, tensor.tensor);
    }

    /** Normalizes every observation input into its tensor. */
    void normalize(ObservationTensors observation) {
        for (int i = 0; i < inputNormalizers.length; i++) {
            inputNormalizers[i].normalize(observation.values(i), normalized[i]);
            observationTensors[i].floats.put(0, normalized[i]);
        }
    }

    /** Reads the network output into {@code dst} and unnormalizes it in place. */
    void readActions(float[] dst) {
        output.floats.get(0, dst);
        outputNormalizer.unnormalize(dst, dst);
    }

    /** One network evaluation; the output lands in {@link #output}. */
    void run() {
        try (OrtSession.Result ignored = session.run(inputs, pinnedOutputs)) {
            // pinned outputs are not owned by the result; closing it frees only its bookkeeping
        } catch (OrtException e) {
            throw new PolicyException("inference of " + modelName + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (observationTensors != null) {
            for (PinnedTensor t : observationTensors) {
                if (t != null) {
                    t.close();
                }
            }
        }
        if (output != null) {
            output.close();
        }
        try {
            session.close();
        } catch (OrtException e) {
            throw new PolicyException("closing the session of " + modelName + " failed: " + e.getMessage(), e);
        }
    }
}
