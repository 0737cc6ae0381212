package io.chunkrt.policy;

/** A tensor given to or read from a model as is, outside the card path (float32 or int64 data). */
public record RawTensor(String name, ElementType type, long[] shape, float[] floats, long[] longs) {
    public static RawTensor ofFloats(String name, long[] shape, float[] data) {
        return new RawTensor(name, ElementType.FLOAT32, shape.clone(), data, null);
    }

    public static RawTensor ofLongs(String name, long[] shape, long[] data) {
        return new RawTensor(name, ElementType.INT64, shape.clone(), null, data);
    }
}
