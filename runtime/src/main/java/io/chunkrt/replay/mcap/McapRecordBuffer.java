package io.chunkrt.replay.mcap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** A growable little-endian byte buffer that MCAP records are built in: opcode, uint64 length, fields. */
final class McapRecordBuffer {
    private byte[] bytes;
    private int size;

    McapRecordBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    void clear() {
        size = 0;
    }

    /** Starts a record: writes the opcode and a placeholder length; returns the mark for {@link #endRecord}. */
    int startRecord(int opcode) {
        int mark = size;
        u8(opcode);
        u64(0);
        return mark;
    }

    /** Patches the length of the record started at {@code mark}. */
    void endRecord(int mark) {
        long length = size - mark - 9L;
        for (int i = 0; i < 8; i++) {
            bytes[mark + 1 + i] = (byte) (length >>> (8 * i));
        }
    }

    McapRecordBuffer u8(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
        return this;
    }

    McapRecordBuffer u16(int v) {
        ensure(2);
        bytes[size++] = (byte) v;
        bytes[size++] = (byte) (v >>> 8);
        return this;
    }

    McapRecordBuffer u32(long v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    McapRecordBuffer u64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    McapRecordBuffer string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        u32(utf8.length);
        return raw(utf8, 0, utf8.length);
    }

    McapRecordBuffer prefixedBytes(byte[] b) {
        u32(b.length);
        return raw(b, 0, b.length);
    }

    McapRecordBuffer raw(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, bytes, size, length);
        size += length;
        return this;
    }

    McapRecordBuffer raw(ByteBuffer b) {
        int length = b.remaining();
        ensure(length);
        b.get(b.position(), bytes, size, length);
        size += length;
        return this;
    }

    McapRecordBuffer stringMap(Map<String, String> map) {
        int mark = size;
        u32(0);
        for (Map.Entry<String, String> e : map.entrySet()) {
            string(e.getKey());
            string(e.getValue());
        }
        patchU32(mark, size - mark - 4);
        return this;
    }

    McapRecordBuffer uint16ToUint64Map(Map<Integer, Long> map) {
        int mark = size;
        u32(0);
        for (Map.Entry<Integer, Long> e : map.entrySet()) {
            u16(e.getKey());
            u64(e.getValue());
        }
        patchU32(mark, size - mark - 4);
        return this;
    }

    void patchU32(int at, long v) {
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
        }
    }
}
