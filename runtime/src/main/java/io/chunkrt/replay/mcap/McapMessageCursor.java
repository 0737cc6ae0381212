package io.chunkrt.replay.mcap;

import io.chunkrt.replay.RecordingException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Streams the messages of an MCAP file's data section: top-level Message records and the messages inside Chunks
 * (decompressed one chunk at a time into a reused buffer, each chunk's messages in log-time order). Schema and
 * Channel records are collected as they are met. The first damage (a short record, a chunk or data-section CRC
 * mismatch, a malformed record, a missing footer) ends the stream; every complete message before it has been
 * yielded and {@link #damage()} names it. Buffers are reused: {@link #payload()} is valid until the next call.
 */
public final class McapMessageCursor {
    private static final int MESSAGE_HEADER_BYTES = 2 + 4 + 8 + 8;

    private final McapReader reader;
    private final CRC32 dataCrc = new CRC32();
    private final Map<Integer, McapSchema> schemas = new HashMap<>();
    private final Map<Integer, McapChannel> channels = new HashMap<>();
    private final List<McapMetadata> metadata = new ArrayList<>();
    private final ByteBuffer recordHead = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
    private ByteBuffer record = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    private byte[] chunk = new byte[0];
    private ByteBuffer chunkView = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32 chunkCrc = new CRC32();

    // messages of the current chunk: content offset, content length, log time; visited through 'order'
    private int[] messageOffsets = new int[256];
    private int[] messageLengths = new int[256];
    private long[] messageTimes = new long[256];
    private int[] order = new int[256];
    private int messageCount;
    private int nextMessage;

    private long position;
    private boolean finished;
    private McapDamage damage;
    private long messagesRead;

    private int channelId;
    private long sequence;
    private long logTimeNs;
    private long publishTimeNs;
    private ByteBuffer payloadOfRecord;
    private ByteBuffer payloadOfChunk;
    private ByteBuffer payload;

    McapMessageCursor(McapReader reader) {
        this.reader = reader;
        this.position = reader.dataStart();
        this.payloadOfRecord = record.duplicate();
        this.payloadOfChunk = chunkView.duplicate();
        dataCrc.update(McapOpcode.MAGIC);
        // the Header record is part of the data section's CRC, which runs from the file's first byte
        ByteBuffer head = ByteBuffer.allocate((int) reader.dataStart() - McapOpcode.MAGIC.length);
        try {
            reader.readFully(head, McapOpcode.MAGIC.length);
        } catch (IOException e) {
            throw new RecordingException("cannot read MCAP file '" + reader.file() + "': " + e.getMessage(), e);
        }
        head.flip();
        dataCrc.update(head);
    }

    /** Advances to the next message; false at the end of the data section or at the first damage. */
    public boolean next() {
        while (true) {
            if (nextMessage < messageCount) {
                selectChunkMessage(order[nextMessage++]);
                messagesRead++;
                return true;
            }
            if (finished) {
                return false;
            }
            try {
                if (readTopLevelRecord()) {
                    messagesRead++;
                    return true;
                }
            } catch (IOException e) {
                throw new RecordingException("cannot read MCAP file '" + reader.file() + "': " + e.getMessage(), e);
            }
        }
    }

    public int channelId() {
        return channelId;
    }

    /** The channel of the current message (its Channel record always precedes it). */
    public McapChannel channel() {
        return channels.get(channelId);
    }

    public long sequence() {
        return sequence;
    }

    public long logTimeNs() {
        return logTimeNs;
    }

    public long publishTimeNs() {
        return publishTimeNs;
    }

    /** The current message's data: a view into a reused buffer, valid until {@link #next()}; do not keep it. */
    public ByteBuffer payload() {
        return payload;
    }

    /** A copy of the current message's data. */
    public byte[] payloadCopy() {
        byte[] b = new byte[payload.remaining()];
        payload.get(payload.position(), b);
        return b;
    }

    public long messagesRead() {
        return messagesRead;
    }

    /** Schemas met so far in the data section, by id. */
    public Map<Integer, McapSchema> schemas() {
        return schemas;
    }

    /** Channels met so far in the data section, by id. */
    public Map<Integer, McapChannel> channels() {
        return channels;
    }

    /** Metadata records met so far. */
    public List<McapMetadata> metadata() {
        return metadata;
    }

    /** The damage that ended the stream, if any. */
    public Optional<McapDamage> damage() {
        return Optional.ofNullable(damage);
    }

    private void stop(long at, String what) {
        damage = new McapDamage(reader.file(), at, what);
        finished = true;
        messageCount = 0;
        nextMessage = 0;
    }

    /** Reads one record of the data section; true when it was a top-level message now current. */
    private boolean readTopLevelRecord() throws IOException {
        long size = reader.sizeBytes();
        long at = position;
        recordHead.clear();
        int n = reader.readFully(recordHead, at);
        if (n < 9) {
            stop(at, n == 0 ? "the file ends without a Data End record and Footer (it was truncated or never closed)"
                    : "short record: only " + n + " of a record's 9-byte opcode and length remain");
            return false;
        }
        int opcode = Byte.toUnsignedInt(recordHead.get(0));
        long length = recordHead.getLong(1);
        long available = size - at - 9;
        if (length < 0 || length > available) {
            stop(at, "short record: " + McapOpcode.name(opcode) + " record declares " + Long.toUnsignedString(length)
                    + " content bytes but only " + available + " remain");
            return false;
        }
        if (opcode == McapOpcode.DATA_END) {
            finishAtDataEnd(at, length);
            return false;
        }
        if (opcode == McapOpcode.FOOTER) {
            stop(at, "a Footer record appears where the data section should end with a Data End record");
            return false;
        }
        if (length > Integer.MAX_VALUE - 16) {
            stop(at, McapOpcode.name(opcode) + " record of " + length + " bytes exceeds the 2 GiB ChunkRT reads per record");
            return false;
        }
        ensureRecordCapacity((int) length);
        record.clear().limit((int) length);
        reader.readFully(record, at + 9);
        record.flip();
        recordHead.rewind();
        dataCrc.update(recordHead);
        dataCrc.update(record.array(), 0, (int) length);
        record.rewind();
        position = at + 9 + length;
        try {
            switch (opcode) {
                case McapOpcode.SCHEMA -> registerSchema(McapFields.schema(record));
                case McapOpcode.CHANNEL -> {
                    McapChannel c = McapFields.channel(record);
                    channels.put(c.id(), c);
                }
                case McapOpcode.METADATA -> metadata.add(McapFields.metadata(record));
                case McapOpcode.MESSAGE -> {
                    if (length < MESSAGE_HEADER_BYTES) {
                        stop(at, "Message record of " + length + " bytes is shorter than its 22-byte header");
                        return false;
                    }
                    return selectRecordMessage(at, (int) length);
                }
                case McapOpcode.CHUNK -> loadChunk(at, (int) length);
                default -> {
                    // Message Index, Attachment and extension records carry no messages
                }
            }
        } catch (BufferUnderflowException e) {
            stop(at, McapOpcode.name(opcode) + " record of " + length + " bytes is shorter than its fields");
        }
        return false;
    }

    private void registerSchema(McapSchema s) {
        if (s != null) {
            schemas.put(s.id(), s);
        }
    }

    private void finishAtDataEnd(long at, long length) throws IOException {
        finished = true;
        if (length < 4) {
            stop(at, "Data End record of " + length + " bytes has no 4-byte data_section_crc");
            return;
        }
        recordHead.clear().limit(4);
        reader.readFully(recordHead, at + 9);
        long stored = Integer.toUnsignedLong(recordHead.getInt(0));
        if (stored != 0 && stored != dataCrc.getValue()) {
            stop(at, String.format("data section CRC mismatch (Data End says 0x%08x, the bytes give 0x%08x)", stored,
                    dataCrc.getValue()));
        }
    }

    private boolean selectRecordMessage(long at, int length) {
        int id = McapFields.uint16(record);
        if (!channels.containsKey(id)) {
            stop(at, "Message record refers to channel " + id + ", which no earlier Channel record defines");
            return false;
        }
        channelId = id;
        sequence = McapFields.uint32(record);
        logTimeNs = record.getLong();
        publishTimeNs = record.getLong();
        payload = payloadOfRecord;
        payload.limit(length).position(MESSAGE_HEADER_BYTES);
        return true;
    }

    /**
     * Loads a chunk, and with it every following chunk whose time range overlaps the ones loaded (a recorder fed
     * by several threads writes such chunks): their records are decompressed one after another into the same
     * buffer and ordered together, so messages come out in log-time order across chunks too.
     */
    private void loadChunk(long at, int length) throws IOException {
        long endTime = record.getLong(8);
        int size = decompressChunk(at, 0);
        if (size < 0) {
            return;
        }
        while (true) {
            long next = position;
            recordHead.clear();
            if (reader.readFully(recordHead, next) < 9) {
                break; // the top-level loop reports the truncation
            }
            int opcode = Byte.toUnsignedInt(recordHead.get(0));
            long nextLength = recordHead.getLong(1);
            if (nextLength < 0 || nextLength > reader.sizeBytes() - next - 9 || nextLength > Integer.MAX_VALUE - 16) {
                break;
            }
            if (opcode != McapOpcode.MESSAGE_INDEX && opcode != McapOpcode.CHUNK) {
                break;
            }
            if (opcode == McapOpcode.CHUNK) {
                ByteBuffer times = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                if (nextLength < 16 || reader.readFully(times, next + 9) < 16 || times.getLong(0) >= endTime) {
                    break; // no overlap: this chunk is read on its own later
                }
            }
            // consume the record here, in file order, so the data-section CRC sees it exactly once
            ensureRecordCapacity((int) nextLength);
            record.clear().limit((int) nextLength);
            reader.readFully(record, next + 9);
            record.flip();
            recordHead.rewind();
            dataCrc.update(recordHead);
            dataCrc.update(record.array(), 0, (int) nextLength);
            record.rewind();
            position = next + 9 + nextLength;
            if (opcode == McapOpcode.CHUNK) {
                endTime = Math.max(endTime, record.getLong(8));
                int grown = decompressChunk(next, size);
                if (grown < 0) {
                    // keep the complete chunks already loaded: they are yielded before the damage is reported
                    McapDamage kept = pendingDamage;
                    pendingDamage = null;
                    indexChunk(at, size);
                    damage = kept;
                    finished = true;
                    return;
                }
                size = grown;
            }
        }
        indexChunk(at, size);
    }

    /** A damage found while loading overlapping chunks, held until the chunks before it are indexed. */
    private McapDamage pendingDamage;

    /**
     * Decompresses the Chunk record in {@code record} into the chunk buffer at {@code offset}; returns the new end
     * of the buffer, or -1 after recording the damage (as a stop when offset is 0, else as pending).
     */
    private int decompressChunk(long at, int offset) {
        record.position(0);
        record.getLong(); // message_start_time
        record.getLong(); // message_end_time
        long uncompressedSize = record.getLong();
        long storedCrc = McapFields.uint32(record);
        String compressionId = McapFields.string(record);
        long recordsLength = record.getLong();
        if (recordsLength < 0 || recordsLength > record.remaining()) {
            return damaged(at, offset, "Chunk record declares " + recordsLength + " bytes of records but holds " + record.remaining());
        }
        McapCompression compression = McapCompression.byId(compressionId);
        if (compression == null) {
            throw new RecordingException("MCAP file '" + reader.file() + "' has a chunk at byte " + at + " compressed with '"
                    + compressionId + "'; ChunkRT reads chunks compressed with zstd, lz4 or none");
        }
        if (uncompressedSize < 0 || uncompressedSize > Integer.MAX_VALUE - 16 - offset) {
            return damaged(at, offset, "Chunk record declares an uncompressed size of " + Long.toUnsignedString(uncompressedSize)
                    + " bytes, over the 2 GiB ChunkRT reads per chunk");
        }
        int size = (int) uncompressedSize;
        if (chunk.length < offset + size) {
            chunk = Arrays.copyOf(chunk, Math.max(offset + size, chunk.length * 2));
            chunkView = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
            payloadOfChunk = chunkView.duplicate();
        }
        byte[] target = offset == 0 ? chunk : new byte[size];
        try {
            compression.decompress(record.array(), record.position(), (int) recordsLength, target, size);
        } catch (IOException e) {
            return damaged(at, offset, "chunk does not decompress: " + e.getMessage());
        }
        if (storedCrc != 0) {
            chunkCrc.reset();
            chunkCrc.update(target, 0, size);
            if (chunkCrc.getValue() != storedCrc) {
                return damaged(at, offset, String.format("chunk CRC mismatch (Chunk says 0x%08x, its records give 0x%08x)", storedCrc,
                        chunkCrc.getValue()));
            }
        }
        if (target != chunk) {
            System.arraycopy(target, 0, chunk, offset, size);
        }
        return offset + size;
    }

    private int damaged(long at, int offset, String what) {
        if (offset == 0) {
            stop(at, what);
        } else {
            pendingDamage = new McapDamage(reader.file(), at, what);
        }
        return -1;
    }

    /** Walks the chunk's records: registers schemas and channels, lists messages, orders them by log time. */
    private void indexChunk(long at, int size) {
        messageCount = 0;
        nextMessage = 0;
        ByteBuffer in = chunkView.clear().limit(size);
        int p = 0;
        boolean sorted = true;
        long lastTime = Long.MIN_VALUE;
        while (p < size) {
            if (size - p < 9) {
                stop(at, "chunk records end in a partial record header at chunk offset " + p);
                return;
            }
            int opcode = Byte.toUnsignedInt(in.get(p));
            long length = in.getLong(p + 1);
            if (length < 0 || length > size - p - 9) {
                stop(at, "a " + McapOpcode.name(opcode) + " record at chunk offset " + p + " declares " + length
                        + " bytes, past the chunk's end");
                return;
            }
            int content = p + 9;
            try {
                switch (opcode) {
                    case McapOpcode.SCHEMA -> registerSchema(McapFields.schema(in.slice(content, (int) length).order(ByteOrder.LITTLE_ENDIAN)));
                    case McapOpcode.CHANNEL -> {
                        McapChannel c = McapFields.channel(in.slice(content, (int) length).order(ByteOrder.LITTLE_ENDIAN));
                        channels.put(c.id(), c);
                    }
                    case McapOpcode.MESSAGE -> {
                        if (length < MESSAGE_HEADER_BYTES) {
                            stop(at, "a Message record at chunk offset " + p + " is shorter than its 22-byte header");
                            return;
                        }
                        int id = Short.toUnsignedInt(in.getShort(content));
                        if (!channels.containsKey(id)) {
                            stop(at, "a Message record at chunk offset " + p + " refers to channel " + id
                                    + ", which no earlier Channel record defines");
                            return;
                        }
                        long time = in.getLong(content + 6);
                        addMessage(content, (int) length, time);
                        sorted &= time >= lastTime;
                        lastTime = time;
                    }
                    default -> {
                        // other records may not appear in chunks; skip them
                    }
                }
            } catch (BufferUnderflowException e) {
                stop(at, "a " + McapOpcode.name(opcode) + " record at chunk offset " + p + " is shorter than its fields");
                return;
            }
            p = content + (int) length;
        }
        for (int i = 0; i < messageCount; i++) {
            order[i] = i;
        }
        if (!sorted) {
            sortByTime();
        }
    }

    private void addMessage(int offset, int length, long time) {
        if (messageCount == messageOffsets.length) {
            int grown = messageCount * 2;
            messageOffsets = Arrays.copyOf(messageOffsets, grown);
            messageLengths = Arrays.copyOf(messageLengths, grown);
            messageTimes = Arrays.copyOf(messageTimes, grown);
            order = Arrays.copyOf(order, grown);
        }
        messageOffsets[messageCount] = offset;
        messageLengths[messageCount] = length;
        messageTimes[messageCount] = time;
        messageCount++;
    }

    /** Stable insertion sort of 'order' by log time (chunks are almost always already in order). */
    private void sortByTime() {
        for (int i = 1; i < messageCount; i++) {
            int v = order[i];
            long t = messageTimes[v];
            int j = i - 1;
            while (j >= 0 && messageTimes[order[j]] > t) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = v;
        }
    }

    private void selectChunkMessage(int i) {
        int content = messageOffsets[i];
        channelId = Short.toUnsignedInt(chunkView.getShort(content));
        sequence = Integer.toUnsignedLong(chunkView.getInt(content + 2));
        logTimeNs = chunkView.getLong(content + 6);
        publishTimeNs = chunkView.getLong(content + 14);
        payload = payloadOfChunk;
        payload.limit(content + messageLengths[i]).position(content + MESSAGE_HEADER_BYTES);
    }

    private void ensureRecordCapacity(int length) {
        if (record.capacity() < length) {
            record = ByteBuffer.allocate(Math.max(length, record.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
            payloadOfRecord = record.duplicate(); // the payload view follows the record buffer when it grows
        }
    }
}
