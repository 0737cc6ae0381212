package io.chunkrt.tensorfile;

/** The numeric element types a .npy file may hold, with numpy's kind letter and item size. */
public enum NpyDtype {
    BOOL('b', 1),
    INT8('i', 1),
    INT16('i', 2),
    INT32('i', 4),
    INT64('i', 8),
    UINT8('u', 1),
    UINT16('u', 2),
    UINT32('u', 4),
    UINT64('u', 8),
    FLOAT16('f', 2),
    FLOAT32('f', 4),
    FLOAT64('f', 8);

    private final char kind;
    private final int itemSize;

    NpyDtype(char kind, int itemSize) {
        this.kind = kind;
        this.itemSize = itemSize;
    }

    public int itemSize() {
        return itemSize;
    }

    /** numpy's type string without the byte-order character, e.g. {@code f4}. */
    public String typeCode() {
        return "" + kind + itemSize;
    }

    /** The dtype for a kind letter and item size, or {@code null} when numpy's code names none of these. */
    static NpyDtype fromCode(char kind, int itemSize) {
        for (NpyDtype dtype : values()) {
            if (dtype.kind == kind && dtype.itemSize == itemSize) {
                return dtype;
            }
        }
        return null;
    }
}
