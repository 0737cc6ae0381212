package io.chunkrt.policy;

import io.chunkrt.card.InputSpec;
import io.chunkrt.card.PolicyCard;
import java.util.List;

/**
 * The raw (unnormalized) observation a policy consumes: one float array per card input, in the ONNX input's
 * layout (state [history, D], images [history, C, H, W]). Allocated once; fusion refills it before each
 * inference, and the policy normalizes it into its own tensors.
 */
public final class ObservationTensors {
    private final List<InputSpec> specs;
    private final float[][] values;
    private long stampNs;

    public ObservationTensors(PolicyCard card) {
        this.specs = card.inputs();
        this.values = new float[specs.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = new float[specs.get(i).elementCount()];
        }
    }

    public int size() {
        return values.length;
    }

    public InputSpec spec(int index) {
        return specs.get(index);
    }

    public float[] values(int index) {
        return values[index];
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

    /** Time of the newest observation step, which the chunk inherits. */
    public long stampNs() {
        return stampNs;
    }

    public void stampNs(long stampNs) {
        this.stampNs = stampNs;
    }
}
