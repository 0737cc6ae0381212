package io.chunkrt.replay.mcap;

import io.chunkrt.replay.RecordingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Writes a spec-conformant MCAP file: magic, Header, Schema and Channel records, messages in Chunks (none, zstd or
 * lz4 compression, CRC of the uncompressed records) each followed by its Message Index records, Metadata, Data End
 * with the data-section CRC, a Summary (schemas, channels, chunk indexes, metadata indexes, statistics with
 * per-channel counts), Summary Offsets and the Footer with the summary CRC. The same calls give the same bytes.
 * Not thread-safe: one thread writes.
 */
public final class McapWriter implements AutoCloseable {
    /** How the file is written. {@code chunkSizeBytes} is the uncompressed size at which a chunk is closed. */
    public record Options(String profile, String library, McapCompression compression, int chunkSizeBytes) {
        public Options {
            if (profile == null || library == null || compression == null) {
                throw new IllegalArgumentException("MCAP writer options need a profile, a library and a compression");
            }
            if (chunkSizeBytes < 1024 || chunkSizeBytes > 256 * 1024 * 1024) {
                throw new IllegalArgumentException("chunkSizeBytes " + chunkSizeBytes + " is outside 1 KiB..256 MiB");
            }
        }

        /** Profile "ros2", zstd chunks of 1 MiB: what rosbag2's MCAP storage writes by default. */
        public static Options ros2(String library) {
            return new Options("ros2", library, McapCompression.ZSTD, 1024 * 1024);
        }

        public Options withCompression(McapCompression c) {
            return new Options(profile, library, c, chunkSizeBytes);
        }

        public Options withChunkSizeBytes(int bytes) {
            return new Options(profile, library, compression, bytes);
        }
    }

    private final Path file;
    private final FileChannel out;
    private final Options options;
    private final CRC32 dataCrc = new CRC32();
    private final McapRecordBuffer top = new McapRecordBuffer(4096);
    private final McapRecordBuffer chunk;
    private final List<McapSchema> schemas = new ArrayList<>();
    private final List<McapChannel> channels = new ArrayList<>();
    private final List<McapChunkIndex> chunkIndexes = new ArrayList<>();
    private final List<long[]> metadataIndexes = new ArrayList<>(); // offset, length
    private final List<String> metadataNames = new ArrayList<>();
    private final TreeMap<Integer, Long> channelCounts = new TreeMap<>();
    private final TreeMap<Integer, long[]> chunkMessageIndex = new TreeMap<>(); // channel -> [n, t0, o0, t1, o1, ...]
    private final CRC32 chunkCrc = new CRC32();
    private long position;
    private long messageCount;
    private long startNs = Long.MAX_VALUE;
    private long endNs = Long.MIN_VALUE;
    private long chunkStartNs = Long.MAX_VALUE;
    private long chunkEndNs = Long.MIN_VALUE;
    private boolean closed;

    private McapWriter(Path file, FileChannel out, Options options) throws IOException {
        this.file = file;
        this.out = out;
        this.options = options;
        this.chunk = new McapRecordBuffer(Math.min(options.chunkSizeBytes() + 64 * 1024, 64 * 1024 * 1024));
        top.raw(McapOpcode.MAGIC, 0, McapOpcode.MAGIC.length);
        int mark = top.startRecord(McapOpcode.HEADER);
        top.string(options.profile()).string(options.library());
        top.endRecord(mark);
        flushTop(true);
    }

    /** Creates (or replaces) {@code file} and writes its magic and Header. */
    public static McapWriter create(Path file, Options options) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            return new McapWriter(file, ch, options);
        } catch (IOException e) {
            throw new RecordingException("cannot create MCAP file '" + file + "': " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Adds a schema (written at once); returns its id, 1 for the first. */
    public int addSchema(String name, String encoding, byte[] data) {
        McapSchema schema = new McapSchema(schemas.size() + 1, name, encoding, data);
        schemas.add(schema);
        writeSchema(top, schema);
        flushTop(true);
        return schema.id();
    }

    /** Adds a channel (written at once); returns its id, 0 for the first. {@code schemaId} 0 means no schema. */
    public int addChannel(int schemaId, String topic, String messageEncoding, Map<String, String> metadata) {
        if (schemaId != 0 && (schemaId > schemas.size())) {
            throw new IllegalArgumentException("channel '" + topic + "' names schema " + schemaId + " but only "
                    + schemas.size() + " schemas were added");
        }
        McapChannel channel = new McapChannel(channels.size(), schemaId, topic, messageEncoding, new TreeMap<>(metadata));
        channels.add(channel);
        writeChannel(top, channel);
        flushTop(true);
        return channel.id();
    }

    /** Appends a message to the current chunk; closes the chunk when it reaches the configured size. */
    public void writeMessage(int channelId, long sequence, long logTimeNs, long publishTimeNs, byte[] data, int offset, int length) {
        int mark = beginMessage(channelId, sequence, logTimeNs, publishTimeNs);
        chunk.raw(data, offset, length);
        endMessage(mark);
    }

    /** Appends a message whose data is {@code data}'s remaining bytes (its position is not moved). */
    public void writeMessage(int channelId, long sequence, long logTimeNs, long publishTimeNs, ByteBuffer data) {
        int mark = beginMessage(channelId, sequence, logTimeNs, publishTimeNs);
        chunk.raw(data);
        endMessage(mark);
    }

    /** Writes a Metadata record (outside chunks) and indexes it in the summary. */
    public void writeMetadata(String name, Map<String, String> values) {
        checkOpen();
        long at = position;
        int mark = top.startRecord(McapOpcode.METADATA);
        top.string(name).stringMap(values);
        top.endRecord(mark);
        metadataIndexes.add(new long[] {at, top.size()});
        metadataNames.add(name);
        flushTop(true);
    }

    public long messageCount() {
        return messageCount;
    }

    private int beginMessage(int channelId, long sequence, long logTimeNs, long publishTimeNs) {
        checkOpen();
        if (channelId < 0 || channelId >= channels.size()) {
            throw new IllegalArgumentException("message on channel " + channelId + " but only " + channels.size()
                    + " channels were added");
        }
        int mark = chunk.startRecord(McapOpcode.MESSAGE);
        long[] index = chunkMessageIndex.computeIfAbsent(channelId, k -> new long[17]);
        int n = (int) index[0];
        if (2 * n + 3 > index.length) {
            index = Arrays.copyOf(index, index.length * 2 + 1);
            chunkMessageIndex.put(channelId, index);
        }
        index[1 + 2 * n] = logTimeNs;
        index[2 + 2 * n] = mark;
        index[0] = n + 1;
        chunk.u16(channelId).u32(sequence).u64(logTimeNs).u64(publishTimeNs);
        chunkStartNs = Math.min(chunkStartNs, logTimeNs);
        chunkEndNs = Math.max(chunkEndNs, logTimeNs);
        startNs = Math.min(startNs, logTimeNs);
        endNs = Math.max(endNs, logTimeNs);
        messageCount++;
        channelCounts.merge(channelId, 1L, Long::sum);
        return mark;
    }

    private void endMessage(int mark) {
        chunk.endRecord(mark);
        if (chunk.size() >= options.chunkSizeBytes()) {
            flushChunk();
        }
    }

    private void flushChunk() {
        if (chunk.size() == 0) {
            return;
        }
        chunkCrc.reset();
        chunkCrc.update(chunk.array(), 0, chunk.size());
        byte[] records = options.compression().compress(chunk.array(), chunk.size());
        long chunkStart = position;
        int mark = top.startRecord(McapOpcode.CHUNK);
        top.u64(chunkStartNs).u64(chunkEndNs).u64(chunk.size()).u32(chunkCrc.getValue())
                .string(options.compression().id()).u64(records.length).raw(records, 0, records.length);
        top.endRecord(mark);
        long chunkLength = top.size();
        Map<Integer, Long> indexOffsets = new TreeMap<>();
        for (Map.Entry<Integer, long[]> e : chunkMessageIndex.entrySet()) {
            long[] index = e.getValue();
            int n = (int) index[0];
            indexOffsets.put(e.getKey(), chunkStart + top.size());
            int m = top.startRecord(McapOpcode.MESSAGE_INDEX);
            top.u16(e.getKey()).u32(16L * n);
            for (int i = 0; i < n; i++) {
                top.u64(index[1 + 2 * i]).u64(index[2 + 2 * i]);
            }
            top.endRecord(m);
        }
        long indexLength = top.size() - chunkLength;
        chunkIndexes.add(new McapChunkIndex(chunkStartNs, chunkEndNs, chunkStart, chunkLength, indexOffsets, indexLength,
                options.compression().id(), records.length, chunk.size()));
        flushTop(true);
        chunk.clear();
        chunkMessageIndex.clear();
        chunkStartNs = Long.MAX_VALUE;
        chunkEndNs = Long.MIN_VALUE;
    }

    private static void writeSchema(McapRecordBuffer b, McapSchema s) {
        int mark = b.startRecord(McapOpcode.SCHEMA);
        b.u16(s.id()).string(s.name()).string(s.encoding()).prefixedBytes(s.data());
        b.endRecord(mark);
    }

    private static void writeChannel(McapRecordBuffer b, McapChannel c) {
        int mark = b.startRecord(McapOpcode.CHANNEL);
        b.u16(c.id()).u16(c.schemaId()).string(c.topic()).string(c.messageEncoding()).stringMap(c.metadata());
        b.endRecord(mark);
    }

    /** Writes the buffered top-level bytes; {@code data} adds them to the data-section CRC. */
    private void flushTop(boolean data) {
        if (data) {
            dataCrc.update(top.array(), 0, top.size());
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(top.array(), 0, top.size());
            while (b.hasRemaining()) {
                out.write(b);
            }
        } catch (IOException e) {
            throw new RecordingException("cannot write MCAP file '" + file + "' at byte " + position + ": " + e.getMessage(), e);
        }
        position += top.size();
        top.clear();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("MCAP file '" + file + "' is already closed");
        }
    }

    /** Closes the last chunk and writes Data End, the summary, the summary offsets, the footer and the magic. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        flushChunk();
        closed = true;
        int mark = top.startRecord(McapOpcode.DATA_END);
        top.u32(dataCrc.getValue());
        top.endRecord(mark);
        flushTop(false);

        long summaryStart = position;
        List<long[]> groups = new ArrayList<>(); // opcode, start, length
        long groupStart = summaryStart;
        for (McapSchema s : schemas) {
            writeSchema(top, s);
        }
        groupStart = addGroup(groups, McapOpcode.SCHEMA, groupStart);
        for (McapChannel c : channels) {
            writeChannel(top, c);
        }
        groupStart = addGroup(groups, McapOpcode.CHANNEL, groupStart);
        for (McapChunkIndex ci : chunkIndexes) {
            int m = top.startRecord(McapOpcode.CHUNK_INDEX);
            top.u64(ci.messageStartTimeNs()).u64(ci.messageEndTimeNs()).u64(ci.chunkStartOffset()).u64(ci.chunkLength())
                    .uint16ToUint64Map(new TreeMap<>(ci.messageIndexOffsets())).u64(ci.messageIndexLength())
                    .string(ci.compression()).u64(ci.compressedSize()).u64(ci.uncompressedSize());
            top.endRecord(m);
        }
        groupStart = addGroup(groups, McapOpcode.CHUNK_INDEX, groupStart);
        for (int i = 0; i < metadataIndexes.size(); i++) {
            int m = top.startRecord(McapOpcode.METADATA_INDEX);
            top.u64(metadataIndexes.get(i)[0]).u64(metadataIndexes.get(i)[1]).string(metadataNames.get(i));
            top.endRecord(m);
        }
        groupStart = addGroup(groups, McapOpcode.METADATA_INDEX, groupStart);
        int m = top.startRecord(McapOpcode.STATISTICS);
        top.u64(messageCount).u16(schemas.size()).u32(channels.size()).u32(0).u32(metadataNames.size())
                .u32(chunkIndexes.size()).u64(messageCount == 0 ? 0 : startNs).u64(messageCount == 0 ? 0 : endNs)
                .uint16ToUint64Map(channelCounts);
        top.endRecord(m);
        addGroup(groups, McapOpcode.STATISTICS, groupStart);
        long summaryOffsetStart = summaryStart + top.size();
        for (long[] g : groups) {
            int so = top.startRecord(McapOpcode.SUMMARY_OFFSET);
            top.u8((int) g[0]).u64(g[1]).u64(g[2]);
            top.endRecord(so);
        }
        // the footer's length is fixed (20), so it is written before the CRC, which covers it
        top.u8(McapOpcode.FOOTER).u64(20).u64(summaryStart).u64(summaryOffsetStart);
        CRC32 summaryCrc = new CRC32();
        summaryCrc.update(top.array(), 0, top.size());
        top.u32(summaryCrc.getValue());
        top.raw(McapOpcode.MAGIC, 0, McapOpcode.MAGIC.length);
        flushTop(false);
        try {
            out.force(true);
            out.close();
        } catch (IOException e) {
            throw new RecordingException("cannot close MCAP file '" + file + "': " + e.getMessage(), e);
        }
    }

    /** Records a summary group that ends at the buffer's current end, if it is not empty; returns the next start. */
    private long addGroup(List<long[]> groups, int opcode, long groupStart) {
        long end = position + top.size();
        if (end > groupStart) {
            groups.add(new long[] {opcode, groupStart, end - groupStart});
        }
        return end;
    }
}
