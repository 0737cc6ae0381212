package io.chunkrt.card;

import io.chunkrt.normalize.NormalizationMode;
import java.util.List;

/** The ONNX output that carries the action chunk (or, for diffusion and flow, the network's prediction). */
public record OutputSpec(
        String name,
        String feature,
        List<String> joints,
        int horizon,
        ActionSemantics semantics,
        NormalizationMode normalization) {

    public OutputSpec {
        joints = List.copyOf(joints);
    }

    public int actionDim() {
        return joints.size();
    }

    public int elementCount() {
        return horizon * joints.size();
    }

    /** {@code [1, H, A]}, or {@code [1, A]} for a single-step actor. */
    public long[] onnxShape() {
        return horizon == 1 ? new long[] {1, joints.size()} : new long[] {1, horizon, joints.size()};
    }
}
