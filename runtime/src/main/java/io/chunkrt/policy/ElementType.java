package io.chunkrt.policy;

/** Tensor element types a policy's signature can have. */
public enum ElementType {
    FLOAT32,
    FLOAT64,
    FLOAT16,
    INT64,
    INT32,
    UINT8,
    BOOL,
    OTHER
}
