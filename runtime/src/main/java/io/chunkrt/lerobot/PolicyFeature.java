package io.chunkrt.lerobot;

import io.chunkrt.normalize.NormalizationMode;

import java.util.List;

/**
 * One input or output of a LeRobot policy as its config.json declares it.
 *
 * @param name the feature key, e.g. {@code observation.images.top}; also the ONNX input name and stats key
 * @param type what the feature carries
 * @param shape the per-step shape: {@code [D]} for vectors, {@code [C, H, W]} for images
 * @param normalization how LeRobot normalizes it (from the mapping of its type)
 */
public record PolicyFeature(String name, FeatureType type, List<Integer> shape, NormalizationMode normalization) {

    public PolicyFeature {
        if (name == null || name.isBlank() || type == null || shape == null || normalization == null) {
            throw new IllegalArgumentException("PolicyFeature needs a name, type, shape and normalization; got "
                    + name + ", " + type + ", " + shape + ", " + normalization);
        }
        shape = List.copyOf(shape);
        if (shape.isEmpty() || shape.stream().anyMatch(dim -> dim <= 0)) {
            throw new IllegalArgumentException("feature '" + name + "' has shape " + shape
                    + "; expected one or more positive dimensions");
        }
        if (type == FeatureType.VISUAL && shape.size() != 3) {
            throw new IllegalArgumentException("feature '" + name + "' is VISUAL with shape " + shape
                    + "; expected [channels, height, width]");
        }
    }

    /** Values per stat vector: the channel count for images, the element count otherwise. */
    public int statsWidth() {
        return type == FeatureType.VISUAL ? shape.getFirst()
                : shape.stream().reduce(1, Math::multiplyExact);
    }
}
