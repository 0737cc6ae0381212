package io.chunkrt.onnxfile;

import java.util.Optional;

/**
 * A graph input or output as the model declares it.
 *
 * @param name the value's name, which sessions use to feed or fetch it
 * @param tensorType the declared tensor type; empty for sequences, maps and undeclared types
 */
public record OnnxValueInfo(String name, Optional<OnnxTensorType> tensorType) {

    public OnnxValueInfo {
        if (name == null || tensorType == null) {
            throw new IllegalArgumentException("OnnxValueInfo needs a name and an Optional type; got null");
        }
    }

    /** E.g. {@code obs: float[1, 35]}. */
    @Override
    public String toString() {
        return name + ": " + tensorType.map(OnnxTensorType::toString).orElse("(not a tensor)");
    }
}
