package io.chunkrt.tensorfile;

/** The element types named in a safetensors header, with their size in bytes. */
public enum SafetensorsDtype {
    BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1),
    I16(2), U16(2), F16(2), BF16(2),
    I32(4), U32(4), F32(4),
    I64(8), U64(8), F64(8);

    private final int size;

    SafetensorsDtype(int size) {
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** Whether {@link SafetensorsReader#floats} converts this type. */
    public boolean convertsToFloat() {
        return this == F32 || this == F16 || this == BF16 || this == F64;
    }

    /** The dtype for a header's name, or {@code null} when the name is none of these. */
    static SafetensorsDtype fromName(String name) {
        for (SafetensorsDtype dtype : values()) {
            if (dtype.name().equals(name)) {
                return dtype;
            }
        }
        return null;
    }
}
