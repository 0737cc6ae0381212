package io.chunkrt.replay.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.replay.RecordingException;
import io.chunkrt.replay.bag.MessageCursor;
import io.chunkrt.replay.bag.RosBag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged MCAP file (cut short, a chunk whose bytes no longer match its CRC, garbage) still yields every complete
 * message before the damage, then reports the damage in one line; nothing after it is trusted.
 */
class McapDamageTest {
    private static final int MESSAGES = 40;
    private static final int PAYLOAD_BYTES = 1000;

    @TempDir
    Path tmp;

    private Path intact;
    private byte[] bytes;
    private List<McapChunkIndex> chunks;

    /** 40 messages of 1000 bytes in uncompressed 4 KiB chunks: 4 messages per chunk, 10 chunks. */
    @BeforeEach
    void writeIntactFile() throws IOException {
        intact = tmp.resolve("intact.mcap");
        McapWriter.Options options = new McapWriter.Options("ros2", "chunkrt-test", McapCompression.NONE, 4096);
        try (McapWriter w = McapWriter.create(intact, options)) {
            int schema = w.addSchema("std_msgs/msg/ByteMultiArray", "ros2msg", new byte[0]);
            int channel = w.addChannel(schema, "/blob", "cdr", Map.of("offered_qos_profiles", ""));
            for (int i = 0; i < MESSAGES; i++) {
                byte[] payload = new byte[PAYLOAD_BYTES];
                Arrays.fill(payload, (byte) i);
                w.writeMessage(channel, i, 1_000L * i, 1_000L * i, payload, 0, payload.length);
            }
        }
        bytes = Files.readAllBytes(intact);
        try (McapReader r = McapReader.open(intact)) {
            chunks = r.summary().orElseThrow().chunkIndexes();
        }
        assertEquals(10, chunks.size());
    }

    private record Outcome(int messages, McapDamage damage) {
    }

    private static Outcome readAll(Path file) {
        try (McapReader r = McapReader.open(file)) {
            McapMessageCursor c = r.messages();
            int n = 0;
            while (c.next()) {
                assertEquals(n, c.sequence(), "messages come in order and whole");
                assertEquals(PAYLOAD_BYTES, c.payload().remaining());
                assertEquals((byte) n, c.payload().get(c.payload().position() + PAYLOAD_BYTES - 1));
                n++;
            }
            return new Outcome(n, c.damage().orElse(null));
        }
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(tmp.resolve(name), content);
    }

    @Test
    void intactFileReadsWithoutDamage() {
        Outcome o = readAll(intact);
        assertEquals(MESSAGES, o.messages());
        assertEquals(null, o.damage());
    }

    @Test
    void fileCutInsideAChunkYieldsTheMessagesOfEveryEarlierChunk() throws IOException {
        long cut = chunks.get(5).chunkStartOffset() + 100;
        Outcome o = readAll(write("cut.mcap", Arrays.copyOf(bytes, (int) cut)));
        assertEquals(20, o.messages());
        assertEquals(chunks.get(5).chunkStartOffset(), o.damage().offset());
        assertTrue(o.damage().what().startsWith("short record: Chunk record declares"), o.damage().what());
        assertTrue(o.damage().line().endsWith("messages before this point were read, the rest of the file was skipped"));
        assertEquals(1, o.damage().line().lines().count());
    }

    @Test
    void fileCutBetweenRecordsReportsTheMissingDataEnd() throws IOException {
        McapChunkIndex c = chunks.get(7);
        long cut = c.chunkStartOffset() + c.chunkLength() + c.messageIndexLength();
        Outcome o = readAll(write("cut-clean.mcap", Arrays.copyOf(bytes, (int) cut)));
        assertEquals(32, o.messages());
        assertTrue(o.damage().what().contains("ends without a Data End record and Footer"), o.damage().what());
    }

    @Test
    void fileCutInsideARecordHeaderIsAShortRecord() throws IOException {
        long cut = chunks.get(2).chunkStartOffset() + 4;
        Outcome o = readAll(write("cut-head.mcap", Arrays.copyOf(bytes, (int) cut)));
        assertEquals(8, o.messages());
        assertTrue(o.damage().what().startsWith("short record: only 4 of"), o.damage().what());
    }

    @Test
    void chunkWithAFlippedByteFailsItsCrcAndEndsTheStreamThere() throws IOException {
        byte[] bad = bytes.clone();
        int inside = (int) (chunks.get(3).chunkStartOffset() + chunks.get(3).chunkLength() - 10);
        bad[inside] ^= 0x5A;
        Outcome o = readAll(write("bad-crc.mcap", bad));
        assertEquals(12, o.messages());
        assertEquals(chunks.get(3).chunkStartOffset(), o.damage().offset());
        assertTrue(o.damage().what().startsWith("chunk CRC mismatch (Chunk says 0x"), o.damage().what());
    }

    @Test
    void corruptSummaryIsReportedAndTheDataSectionStillReads() throws IOException {
        byte[] bad = bytes.clone();
        bad[bad.length - 8 - 29 - 20] ^= 0x01; // a byte of the summary section, before the footer
        Path file = write("bad-summary.mcap", bad);
        try (McapReader r = McapReader.open(file)) {
            assertTrue(r.summary().isEmpty());
            assertTrue(r.summaryDamage().orElseThrow().what().startsWith("summary CRC mismatch"));
        }
        assertEquals(MESSAGES, readAll(file).messages());
    }

    @Test
    void truncatedBagYieldsCompleteMessagesAndCountsOneProblem() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("truncated_bag"));
        long cut = chunks.get(5).chunkStartOffset() + 100;
        Files.write(dir.resolve("truncated_bag_0.mcap"), Arrays.copyOf(bytes, (int) cut));
        try (RosBag bag = RosBag.open(dir); MessageCursor c = bag.messages()) {
            assertEquals(20, bag.info().messageCount(), "no summary: counted by a scan up to the damage");
            int n = 0;
            while (c.next()) {
                n++;
            }
            assertEquals(20, n);
            assertEquals(1, c.problems().size());
            assertTrue(c.problems().get(0).contains("truncated_bag_0.mcap' is damaged at byte " + chunks.get(5).chunkStartOffset()),
                    c.problems().get(0));
        }
    }

    @Test
    void notAnMcapFileFailsAtOpenWithTheBytesItFound() throws IOException {
        Path file = write("not.mcap", "hello, this is text".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        RecordingException e = assertThrows(RecordingException.class, () -> McapReader.open(file));
        assertTrue(e.getMessage().contains("is not an MCAP file: it starts with 68 65 6C 6C 6F 2C 20 74"), e.getMessage());
        Path header = write("header-only.mcap", Arrays.copyOf(bytes, 12));
        e = assertThrows(RecordingException.class, () -> McapReader.open(header));
        assertTrue(e.getMessage().contains("has no Header record after its magic"), e.getMessage());
    }
}
