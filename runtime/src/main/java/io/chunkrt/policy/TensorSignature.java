package io.chunkrt.policy;

import java.util.Arrays;

/** A model input or output as the runtime session reports it; a dimension of -1 is dynamic. */
public record TensorSignature(String name, ElementType type, long[] shape) {
    public TensorSignature {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public String shapeText() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ",").append(shape[i] < 0 ? "?" : Long.toString(shape[i]));
        }
        return sb.append(']').toString();
    }

    /** True when every static dimension equals {@code expected} and the ranks agree. */
    public boolean accepts(long[] expected) {
        if (expected.length != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] >= 0 && shape[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSignature t && t.name.equals(name) && t.type == type && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + type.name().toLowerCase() + shapeText();
    }

    public static String shapeText(long[] shape) {
        return new TensorSignature("", ElementType.OTHER, shape).shapeText();
    }
}
