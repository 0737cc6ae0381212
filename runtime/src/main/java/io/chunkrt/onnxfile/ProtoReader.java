package io.chunkrt.onnxfile;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over one protobuf message in a byte array (wire format only, no schema). Reads tags, varints and
 * length-delimited fields, skips the rest, and turns every bound violation into an {@link OnnxFileException}
 * whose byte positions count from the start of the file.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int GROUP_START = 3;
    static final int GROUP_END = 4;
    static final int FIXED32 = 5;

    private final byte[] bytes;
    private final int limit;
    private final String fileLabel;
    private int pos;
    private int tagStart;
    private int fieldNumber;
    private int wireType;

    ProtoReader(byte[] bytes, int start, int limit, String fileLabel) {
        this.bytes = bytes;
        this.pos = start;
        this.limit = limit;
        this.fileLabel = fileLabel;
    }

    boolean hasMoreFields() {
        return pos < limit;
    }

    /** Reads the next tag and returns its field number; {@link #wireType()} then tells how its value is coded. */
    int nextField() {
        tagStart = pos;
        long tag = varint("tag");
        fieldNumber = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (fieldNumber <= 0 || tag >>> 3 > 0x1FFF_FFFF) {
            throw malformed("field number " + (tag >>> 3) + " at byte " + tagStart + " is not a valid protobuf field");
        }
        switch (wireType) {
            case VARINT, FIXED64, LENGTH_DELIMITED, FIXED32 -> { }
            case GROUP_START, GROUP_END -> throw malformed("field " + fieldNumber + " at byte " + tagStart
                    + " uses wire type " + wireType + " (group), which ONNX models never contain");
            default -> throw malformed("field " + fieldNumber + " at byte " + tagStart + " has wire type " + wireType
                    + ", which protobuf does not define");
        }
        return fieldNumber;
    }

    int wireType() {
        return wireType;
    }

    long readVarint() {
        expectWireType(VARINT);
        return varint("varint field " + fieldNumber);
    }

    String readString() {
        expectWireType(LENGTH_DELIMITED);
        int start = delimitedStart();
        return new String(bytes, start, pos - start, StandardCharsets.UTF_8);
    }

    /** A reader over the current length-delimited field's bytes; this reader moves past them. */
    ProtoReader readMessage() {
        expectWireType(LENGTH_DELIMITED);
        int start = delimitedStart();
        return new ProtoReader(bytes, start, pos, fileLabel);
    }

    /** Moves past the current field's value whatever its wire type. */
    void skipField() {
        switch (wireType) {
            case VARINT -> varint("varint field " + fieldNumber);
            case FIXED64 -> skipFixed(8);
            case FIXED32 -> skipFixed(4);
            case LENGTH_DELIMITED -> delimitedStart();
            default -> throw new IllegalStateException("unreachable wire type " + wireType);
        }
    }

    private void expectWireType(int expected) {
        if (wireType != expected) {
            throw malformed("field " + fieldNumber + " at byte " + tagStart + " has wire type " + wireType
                    + " (" + wireTypeName(wireType) + ") where ONNX declares wire type " + expected + " ("
                    + wireTypeName(expected) + ")");
        }
    }

    private static String wireTypeName(int wireType) {
        return switch (wireType) {
            case VARINT -> "varint";
            case FIXED64 -> "fixed64";
            case LENGTH_DELIMITED -> "length-delimited";
            case FIXED32 -> "fixed32";
            default -> "group";
        };
    }

    private int delimitedStart() {
        long length = varint("length of field " + fieldNumber);
        int remaining = limit - pos;
        if (length > remaining) {
            throw malformed("length-delimited field " + fieldNumber + " at byte " + tagStart + " needs "
                    + Long.toUnsignedString(length) + " bytes but only " + remaining + " remain");
        }
        int start = pos;
        pos += (int) length;
        return start;
    }

    private void skipFixed(int size) {
        int remaining = limit - pos;
        if (size > remaining) {
            String kind = size == 8 ? "fixed64" : "fixed32";
            throw malformed(kind + " field " + fieldNumber + " at byte " + tagStart + " needs " + size
                    + " bytes but only " + remaining + " remain");
        }
        pos += size;
    }

    private long varint(String what) {
        int start = pos;
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw malformed(what + " at byte " + start + " runs past the end of its message at byte " + limit);
            }
            byte b = bytes[pos++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw malformed(what + " at byte " + start + " is longer than the 10 bytes a varint may take");
    }

    private OnnxFileException malformed(String problem) {
        return new OnnxFileException("model file '" + fileLabel + "' is truncated or not an ONNX model: " + problem);
    }
}
