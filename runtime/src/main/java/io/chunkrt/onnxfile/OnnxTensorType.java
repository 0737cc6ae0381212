package io.chunkrt.onnxfile;

import java.util.List;
import java.util.StringJoiner;

/**
 * The declared type of a graph input or output that is a tensor.
 *
 * @param elementType ONNX {@code TensorProto.DataType} code (1 float, 7 int64, ...), 0 when undeclared
 * @param dims the axes; empty both for a scalar and when the rank is unknown, see {@code rankKnown}
 * @param rankKnown whether the model declares a shape at all
 */
public record OnnxTensorType(int elementType, List<OnnxDimension> dims, boolean rankKnown) {

    public OnnxTensorType {
        dims = List.copyOf(dims);
        if (!rankKnown && !dims.isEmpty()) {
            throw new IllegalArgumentException("OnnxTensorType with unknown rank cannot list dims " + dims);
        }
    }

    /** The element type as ONNX names it ({@code float}, {@code int64}, ...), or {@code type<code>} if unknown. */
    public String elementTypeName() {
        return switch (elementType) {
            case 0 -> "undefined";
            case 1 -> "float";
            case 2 -> "uint8";
            case 3 -> "int8";
            case 4 -> "uint16";
            case 5 -> "int16";
            case 6 -> "int32";
            case 7 -> "int64";
            case 8 -> "string";
            case 9 -> "bool";
            case 10 -> "float16";
            case 11 -> "double";
            case 12 -> "uint32";
            case 13 -> "uint64";
            case 14 -> "complex64";
            case 15 -> "complex128";
            case 16 -> "bfloat16";
            case 17 -> "float8e4m3fn";
            case 18 -> "float8e4m3fnuz";
            case 19 -> "float8e5m2";
            case 20 -> "float8e5m2fnuz";
            case 21 -> "uint4";
            case 22 -> "int4";
            case 23 -> "float4e2m1";
            default -> "type" + elementType;
        };
    }

    /** E.g. {@code float[batch, 35]}, or {@code float[...]} when the rank is unknown. */
    @Override
    public String toString() {
        if (!rankKnown) {
            return elementTypeName() + "[...]";
        }
        StringJoiner axes = new StringJoiner(", ", "[", "]");
        dims.forEach(dim -> axes.add(dim.toString()));
        return elementTypeName() + axes;
    }
}
