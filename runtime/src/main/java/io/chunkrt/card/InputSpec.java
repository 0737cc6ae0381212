package io.chunkrt.card;

import io.chunkrt.normalize.NormalizationMode;
import java.util.List;

/**
 * One ONNX observation input: a state vector from named joints or an image from a named camera, with
 * {@code history} observation steps stacked on a time axis when history > 1.
 */
public record InputSpec(
        String name,
        String feature,
        InputType type,
        List<String> joints,
        String camera,
        int history,
        NormalizationMode normalization,
        ImageSpec image) {

    public InputSpec {
        joints = joints == null ? List.of() : List.copyOf(joints);
    }

    /** Values per observation step: D for state, C*H*W for an image. */
    public int stepSize() {
        return type == InputType.STATE ? joints.size() : image.channels() * image.planeSize();
    }

    /** Elements of the whole tensor. */
    public int elementCount() {
        return history * stepSize();
    }

    /** The width stats vectors must have: D for state, C for an image. */
    public int statsWidth() {
        return type == InputType.STATE ? joints.size() : image.channels();
    }

    /** Elements that share one stats entry: 1 for state, H*W for an image (per-channel stats). */
    public int statsInnerSize() {
        return type == InputType.STATE ? 1 : image.planeSize();
    }

    /** The tensor shape this input has in the ONNX graph. */
    public long[] onnxShape() {
        if (type == InputType.STATE) {
            return history == 1 ? new long[] {1, joints.size()} : new long[] {1, history, joints.size()};
        }
        return history == 1
                ? new long[] {1, image.channels(), image.height(), image.width()}
                : new long[] {1, history, image.channels(), image.height(), image.width()};
    }
}
