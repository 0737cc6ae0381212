package io.chunkrt.policy;

import io.chunkrt.card.InputSpec;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.normalize.FeatureNormalizer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * The network's observation inputs: one direct, native-order buffer per card input, in the ONNX input's layout
 * (state [history, D], images [history, C, H, W]), holding normalized values. The policy wraps these very
 * buffers as its input tensors, so a producer that writes here feeds ONNX Runtime without a copy.
 *
 * <p>Producers either hand over raw values ({@link #putRaw}, which normalizes them: state vectors, tests) or
 * write normalized values themselves ({@link #tensor} with {@link #normalizer}: the image pipeline folds the
 * per-channel normalization into its resize loop). Owned by the inference thread.
 */
public final class ObservationTensors {
    private final List<InputSpec> specs;
    private final FloatBuffer[] tensors;
    private final FeatureNormalizer[] normalizers;
    private final float[][] scratch;
    private long stampNs;

    public ObservationTensors(PolicyCard card) {
        this.specs = card.inputs();
        int n = specs.size();
        this.tensors = new FloatBuffer[n];
        this.normalizers = new FeatureNormalizer[n];
        this.scratch = new float[n][];
        for (int i = 0; i < n; i++) {
            InputSpec in = specs.get(i);
            tensors[i] = ByteBuffer.allocateDirect(in.elementCount() * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            normalizers[i] = CardNormalizers.forInput(card, in);
            scratch[i] = new float[in.elementCount()];
        }
    }

    public int size() {
        return specs.size();
    }

    public InputSpec spec(int index) {
        return specs.get(index);
    }

    /** Index of the input with this ONNX name, or -1. */
    public int indexOf(String onnxName) {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).name().equals(onnxName)) {
                return i;
            }
        }
        return -1;
    }

    /** The buffer the network reads for input {@code index}: normalized values, absolute indexing from 0. */
    public FloatBuffer tensor(int index) {
        return tensors[index];
    }

    /** The normalization the card gives input {@code index}, for producers that write {@link #tensor} directly. */
    public FeatureNormalizer normalizer(int index) {
        return normalizers[index];
    }

    /** Normalizes raw values (the whole input: every history step) into the input's tensor. No allocation. */
    public void putRaw(int index, float[] raw) {
        float[] s = scratch[index];
        normalizers[index].normalize(raw, s);
        tensors[index].put(0, s);
    }

    /** Time of the newest observation step, which the chunk inherits. */
    public long stampNs() {
        return stampNs;
    }

    public void stampNs(long stampNs) {
        this.stampNs = stampNs;
    }
}
