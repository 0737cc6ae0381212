package io.chunkrt.replay.mcap;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the spec's field types (little-endian integers, uint32-prefixed strings, bytes and maps) from a buffer.
 * A field that runs past the record's end throws BufferUnderflowException, which callers turn into damage.
 */
final class McapFields {
    private McapFields() {
    }

    static int uint16(ByteBuffer in) {
        return Short.toUnsignedInt(in.getShort());
    }

    static long uint32(ByteBuffer in) {
        return Integer.toUnsignedLong(in.getInt());
    }

    static String string(ByteBuffer in) {
        int length = lengthPrefix(in);
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    static byte[] bytes(ByteBuffer in) {
        int length = lengthPrefix(in);
        byte[] b = new byte[length];
        in.get(b);
        return b;
    }

    static Map<String, String> stringMap(ByteBuffer in) {
        int end = mapEnd(in);
        Map<String, String> map = new LinkedHashMap<>();
        while (in.position() < end) {
            map.put(string(in), string(in));
        }
        return map;
    }

    static Map<Integer, Long> uint16ToUint64Map(ByteBuffer in) {
        int end = mapEnd(in);
        Map<Integer, Long> map = new LinkedHashMap<>();
        while (in.position() < end) {
            map.put(uint16(in), in.getLong());
        }
        return map;
    }

    private static int mapEnd(ByteBuffer in) {
        int length = lengthPrefix(in);
        return in.position() + length;
    }

    private static int lengthPrefix(ByteBuffer in) {
        long length = uint32(in);
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        return (int) length;
    }

    static McapSchema schema(ByteBuffer in) {
        int id = uint16(in);
        String name = string(in);
        String encoding = string(in);
        byte[] data = bytes(in);
        return id == 0 ? null : new McapSchema(id, name, encoding, data);
    }

    static McapChannel channel(ByteBuffer in) {
        int id = uint16(in);
        int schemaId = uint16(in);
        String topic = string(in);
        String encoding = string(in);
        Map<String, String> metadata = stringMap(in);
        return new McapChannel(id, schemaId, topic, encoding, metadata);
    }

    static McapMetadata metadata(ByteBuffer in) {
        String name = string(in);
        return new McapMetadata(name, stringMap(in));
    }

    static McapStatistics statistics(ByteBuffer in) {
        long messageCount = in.getLong();
        int schemaCount = uint16(in);
        long channelCount = uint32(in);
        long attachmentCount = uint32(in);
        long metadataCount = uint32(in);
        long chunkCount = uint32(in);
        long start = in.getLong();
        long end = in.getLong();
        Map<Integer, Long> counts = uint16ToUint64Map(in);
        return new McapStatistics(messageCount, schemaCount, channelCount, attachmentCount, metadataCount, chunkCount,
                start, end, counts);
    }

    static McapChunkIndex chunkIndex(ByteBuffer in) {
        long start = in.getLong();
        long end = in.getLong();
        long offset = in.getLong();
        long length = in.getLong();
        Map<Integer, Long> indexOffsets = uint16ToUint64Map(in);
        long indexLength = in.getLong();
        String compression = string(in);
        long compressed = in.getLong();
        long uncompressed = in.getLong();
        return new McapChunkIndex(start, end, offset, length, indexOffsets, indexLength, compression, compressed, uncompressed);
    }
}
