package io.chunkrt.ros.msg;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A DDS entity's 16-byte GUID as ROS carries it in rmw_dds_common/Gid (zero-padded to 24 bytes on Humble).
 * Immutable.
 */
public final class Gid {
    public static final int GUID_BYTES = 16;

    private final byte[] guid;

    private Gid(byte[] guid) {
        this.guid = guid;
    }

    /** From the 16 bytes of a DDSI GUID (prefix then entity id). */
    public static Gid ofGuid(byte[] guid16) {
        if (guid16.length != GUID_BYTES) {
            throw new IllegalArgumentException("a DDS GUID has 16 bytes, not " + guid16.length);
        }
        return new Gid(guid16.clone());
    }

    /** The first 16 bytes of a Gid field as read from the wire. */
    public static Gid ofField(byte[] field, int offset) {
        return new Gid(Arrays.copyOfRange(field, offset, offset + GUID_BYTES));
    }

    public byte[] guid() {
        return guid.clone();
    }

    /** Writes the Gid field of {@code fieldBytes} (16 or 24) at {@code offset}, zero-padding past the GUID. */
    void writeField(byte[] dst, int offset, int fieldBytes) {
        System.arraycopy(guid, 0, dst, offset, GUID_BYTES);
        Arrays.fill(dst, offset + GUID_BYTES, offset + fieldBytes, (byte) 0);
    }

    public String hex() {
        return HexFormat.of().formatHex(guid);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gid g && Arrays.equals(guid, g.guid);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(guid);
    }

    @Override
    public String toString() {
        return hex();
    }
}
