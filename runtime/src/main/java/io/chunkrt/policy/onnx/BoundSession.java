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
    final ObservationTensors observation;
    private final OnnxTensor[] observationTensors;
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
            observation = new ObservationTensors(card);
            int n = card.inputs().size();
            observationTensors = new OnnxTensor[n];
            for (int i = 0; i < n; i++) {
                InputSpec in = card.inputs().get(i);
                // the observation's own direct buffer becomes the tensor: producers write straight into it
                observationTensors[i] = OnnxTensor.createTensor(OnnxSessions.environment(), observation.tensor(i), in.onnxShape());
                inputs.put(in.name(), observationTensors[i]);
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
            for (OnnxTensor t : observationTensors) {
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
