package io.chunkrt.replay.mcap;

import io.chunkrt.replay.RecordingException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * An MCAP file opened for reading. Checks the leading magic and the Header at open; reads the Summary through the
 * Footer when the file is complete (a truncated file simply has none); {@link #messages()} streams the data section.
 * Nothing but the summary is held in memory.
 */
public final class McapReader implements AutoCloseable {
    /** Footer record: opcode + length + summary_start + summary_offset_start + summary_crc. */
    private static final int FOOTER_RECORD_BYTES = 1 + 8 + 8 + 8 + 4;

    private final Path file;
    private final FileChannel channel;
    private final long sizeBytes;
    private final String profile;
    private final String library;
    private final long dataStart;
    private final McapSummary summary;
    private final McapDamage summaryDamage;

    private McapReader(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.sizeBytes = channel.size();
        byte[] magic = new byte[McapOpcode.MAGIC.length];
        int n = readFully(ByteBuffer.wrap(magic), 0);
        if (n < magic.length || !Arrays.equals(magic, McapOpcode.MAGIC)) {
            throw new RecordingException("file '" + file + "' is not an MCAP file: it " + (n < magic.length
                    ? "has only " + sizeBytes + " bytes" : "starts with " + hex(magic))
                    + " where MCAP files start with 89 4D 43 41 50 30 0D 0A (\\x89MCAP0\\r\\n); check the path or the bag's storage");
        }
        ByteBuffer head = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
        if (readFully(head, magic.length) < 9 || head.get(0) != McapOpcode.HEADER) {
            throw new RecordingException("MCAP file '" + file + "' has no Header record after its magic (" + sizeBytes
                    + " bytes in all); the file is truncated or was not written by an MCAP writer");
        }
        long length = head.getLong(1);
        if (length < 8 || length > sizeBytes - magic.length - 9) {
            throw new RecordingException("MCAP file '" + file + "' has a Header record of " + length + " bytes but only "
                    + (sizeBytes - magic.length - 9) + " bytes follow it; the file is truncated");
        }
        ByteBuffer header = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        readFully(header, magic.length + 9);
        header.flip();
        try {
            this.profile = McapFields.string(header);
            this.library = McapFields.string(header);
        } catch (BufferUnderflowException e) {
            throw new RecordingException("MCAP file '" + file + "' has a malformed Header record (its strings overrun its "
                    + length + " bytes)");
        }
        this.dataStart = magic.length + 9 + length;
        McapDamage[] damage = new McapDamage[1];
        this.summary = readSummary(damage);
        this.summaryDamage = damage[0];
    }

    /** Opens {@code file}; throws RecordingException when it is not an MCAP file or has no readable Header. */
    public static McapReader open(Path file) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new RecordingException("cannot open MCAP file '" + file + "': " + e.getMessage(), e);
        }
        try {
            return new McapReader(file, ch);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new RecordingException("cannot read MCAP file '" + file + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    /** The Header's profile ("ros2" for rosbag2 files). */
    public String profile() {
        return profile;
    }

    /** The Header's library (the writer's name and version). */
    public String library() {
        return library;
    }

    /** The summary section, when the file has a footer and a summary whose CRC (if any) matches. */
    public Optional<McapSummary> summary() {
        return Optional.ofNullable(summary);
    }

    /** Damage in the footer or summary (bad CRC, malformed record), if any; the data section may still be fine. */
    public Optional<McapDamage> summaryDamage() {
        return Optional.ofNullable(summaryDamage);
    }

    /** A new cursor over every message of the data section, in file order (each chunk sorted by log time). */
    public McapMessageCursor messages() {
        return new McapMessageCursor(this);
    }

    /**
     * Message counts per channel id from the file's own index: the Statistics' channel message counts when written,
     * else the Message Index records of every chunk; empty when the file has neither (use a scan).
     */
    public Optional<Map<Integer, Long>> indexedMessageCounts() {
        if (summary == null) {
            return Optional.empty();
        }
        if (summary.statistics().isPresent() && !summary.statistics().get().channelMessageCounts().isEmpty()) {
            return Optional.of(summary.statistics().get().channelMessageCounts());
        }
        return messageIndexCounts();
    }

    /** Message counts per channel id from the Message Index records of every chunk (through the chunk indexes). */
    public Optional<Map<Integer, Long>> messageIndexCounts() {
        if (summary == null || summary.chunkIndexes().isEmpty() || summary.chunkIndexes().stream().anyMatch(c -> c.messageIndexOffsets().isEmpty())) {
            return Optional.empty();
        }
        Map<Integer, Long> counts = new HashMap<>();
        try {
            for (McapChunkIndex chunk : summary.chunkIndexes()) {
                for (Map.Entry<Integer, Long> e : chunk.messageIndexOffsets().entrySet()) {
                    ByteBuffer head = ByteBuffer.allocate(9 + 2 + 4).order(ByteOrder.LITTLE_ENDIAN);
                    if (readFully(head, e.getValue()) < head.capacity() || head.get(0) != McapOpcode.MESSAGE_INDEX) {
                        return Optional.empty();
                    }
                    long entriesBytes = Integer.toUnsignedLong(head.getInt(11));
                    counts.merge(e.getKey(), entriesBytes / 16, Long::sum);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(counts);
    }

    long dataStart() {
        return dataStart;
    }

    /** Reads into {@code buf} at {@code position} until it is full or the file ends; returns the bytes read. */
    int readFully(ByteBuffer buf, long position) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private McapSummary readSummary(McapDamage[] damage) throws IOException {
        long footerStart = sizeBytes - McapOpcode.MAGIC.length - FOOTER_RECORD_BYTES;
        if (footerStart < dataStart) {
            return null;
        }
        ByteBuffer tail = ByteBuffer.allocate(FOOTER_RECORD_BYTES + McapOpcode.MAGIC.length).order(ByteOrder.LITTLE_ENDIAN);
        readFully(tail, footerStart);
        byte[] magic = Arrays.copyOfRange(tail.array(), FOOTER_RECORD_BYTES, tail.capacity());
        if (!Arrays.equals(magic, McapOpcode.MAGIC) || tail.get(0) != McapOpcode.FOOTER || tail.getLong(1) != 20) {
            return null; // no footer: truncated or still being written; the data section is read linearly
        }
        long summaryStart = tail.getLong(9);
        long storedCrc = Integer.toUnsignedLong(tail.getInt(25));
        if (summaryStart == 0) {
            return null;
        }
        if (summaryStart < dataStart || summaryStart > footerStart) {
            damage[0] = new McapDamage(file, footerStart, "the Footer's summary_start " + summaryStart
                    + " lies outside the file's records [" + dataStart + ", " + footerStart + ")");
            return null;
        }
        int length = Math.toIntExact(footerStart - summaryStart);
        ByteBuffer section = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        readFully(section, summaryStart);
        section.flip();
        if (storedCrc != 0) {
            CRC32 crc = new CRC32();
            crc.update(section.array(), 0, length);
            crc.update(tail.array(), 0, 1 + 8 + 8 + 8); // the footer up to and including summary_offset_start
            if (crc.getValue() != storedCrc) {
                damage[0] = new McapDamage(file, summaryStart, String.format(
                        "summary CRC mismatch (footer says 0x%08x, the bytes give 0x%08x)", storedCrc, crc.getValue()));
                return null;
            }
        }
        Map<Integer, McapSchema> schemas = new HashMap<>();
        Map<Integer, McapChannel> channels = new HashMap<>();
        McapStatistics statistics = null;
        List<McapChunkIndex> chunkIndexes = new ArrayList<>();
        List<String> metadataNames = new ArrayList<>();
        long at = summaryStart;
        try {
            while (section.remaining() >= 9) {
                int opcode = Byte.toUnsignedInt(section.get());
                long recordLength = section.getLong();
                if (recordLength > section.remaining()) {
                    damage[0] = new McapDamage(file, at, McapOpcode.name(opcode) + " record in the summary declares "
                            + recordLength + " bytes but only " + section.remaining() + " remain");
                    return null;
                }
                int end = section.position() + (int) recordLength;
                ByteBuffer record = section.slice(section.position(), (int) recordLength).order(ByteOrder.LITTLE_ENDIAN);
                switch (opcode) {
                    case McapOpcode.SCHEMA -> {
                        McapSchema s = McapFields.schema(record);
                        if (s != null) {
                            schemas.put(s.id(), s);
                        }
                    }
                    case McapOpcode.CHANNEL -> {
                        McapChannel c = McapFields.channel(record);
                        channels.put(c.id(), c);
                    }
                    case McapOpcode.STATISTICS -> statistics = McapFields.statistics(record);
                    case McapOpcode.CHUNK_INDEX -> chunkIndexes.add(McapFields.chunkIndex(record));
                    case McapOpcode.METADATA_INDEX -> {
                        record.position(16);
                        metadataNames.add(McapFields.string(record));
                    }
                    default -> {
                        // attachment indexes, summary offsets and extension records: not needed here
                    }
                }
                section.position(end);
                at = summaryStart + end;
            }
        } catch (BufferUnderflowException e) {
            damage[0] = new McapDamage(file, at, "a summary record is shorter than its fields");
            return null;
        }
        return new McapSummary(schemas, channels, Optional.ofNullable(statistics), chunkIndexes, metadataNames);
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(s.isEmpty() ? "" : " ").append(String.format("%02X", x));
        }
        return s.toString();
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one reported
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new RecordingException("cannot close MCAP file '" + file + "': " + e.getMessage(), e);
        }
    }
}
