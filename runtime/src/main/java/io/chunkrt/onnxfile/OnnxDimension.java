package io.chunkrt.onnxfile;

/**
 * One axis of a declared tensor shape: a fixed size, a symbolic name such as {@code batch}, or unknown.
 *
 * @param size the fixed size, or -1 when the axis is not fixed
 * @param symbol the symbolic name ({@code dim_param}), or "" when there is none
 */
public record OnnxDimension(long size, String symbol) {

    public OnnxDimension {
        if (symbol == null) {
            throw new IllegalArgumentException("OnnxDimension symbol is null; use \"\" for none");
        }
        if (size < -1) {
            throw new IllegalArgumentException("OnnxDimension size is " + size + "; expected -1 (not fixed) or >= 0");
        }
    }

    public static OnnxDimension fixed(long size) {
        return new OnnxDimension(size, "");
    }

    public static OnnxDimension symbolic(String symbol) {
        return new OnnxDimension(-1, symbol);
    }

    public boolean isFixed() {
        return size >= 0;
    }

    /** The size, the symbol, or {@code ?} when the axis is neither fixed nor named. */
    @Override
    public String toString() {
        return isFixed() ? Long.toString(size) : symbol.isEmpty() ? "?" : symbol;
    }
}
