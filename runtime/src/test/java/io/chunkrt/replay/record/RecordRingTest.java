package io.chunkrt.replay.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The flight recorder's single-producer, single-consumer ring: whole records, in order, across the wrap; full means refused. */
class RecordRingTest {
    /** Writes a record whose payload is {@code n} bytes derived from {@code seq}; false when the ring is full. */
    private static boolean put(RecordRing ring, long seq, int n) {
        int at = ring.claim(7, seq, n);
        if (at < 0) {
            return false;
        }
        ByteBuffer b = ring.producerBuffer();
        for (int i = 0; i < n; i++) {
            b.put(at + i, (byte) (seq * 31 + i));
        }
        ring.commit();
        return true;
    }

    private record Got(long seq, int n, boolean intact) {}

    private static Got take(RecordRing ring) {
        List<Got> got = new ArrayList<>();
        ring.readOne((type, timeNs, buffer, at, bytes) -> {
            boolean ok = type == 7;
            for (int i = 0; i < bytes; i++) {
                ok &= buffer.get(at + i) == (byte) (timeNs * 31 + i);
            }
            got.add(new Got(timeNs, bytes, ok));
        });
        return got.isEmpty() ? null : got.getFirst();
    }

    @Test
    void recordsComeOutWholeAndInOrderAcrossManyWraps() {
        RecordRing ring = new RecordRing(4096);
        SplittableRandom random = new SplittableRandom(1);
        long written = 0;
        long read = 0;
        for (int round = 0; round < 2_000; round++) {
            int burst = 1 + random.nextInt(6);
            for (int k = 0; k < burst; k++) {
                int n = random.nextInt(700);
                if (put(ring, written, n)) {
                    written++;
                }
            }
            int drain = 1 + random.nextInt(6);
            for (int k = 0; k < drain; k++) {
                Got g = take(ring);
                if (g == null) {
                    break;
                }
                assertEquals(read, g.seq(), "records come out in the order they were committed");
                assertTrue(g.intact(), "record " + g.seq() + " is whole");
                read++;
            }
        }
        for (Got g; (g = take(ring)) != null; read++) {
            assertEquals(read, g.seq());
            assertTrue(g.intact());
        }
        assertEquals(written, read);
        assertTrue(written > 5_000, "the ring wrapped many times: " + written + " records through 4 KiB");
    }

    @Test
    void aFullRingRefusesWithoutOverwritingAndTakesMoreOnceDrained() {
        RecordRing ring = new RecordRing(1024);
        int accepted = 0;
        while (put(ring, accepted, 100)) {
            accepted++;
        }
        assertEquals(8, accepted, "1024 bytes hold eight 116-byte records (aligned to 120)");
        assertFalse(put(ring, 99, 100), "still full");
        assertEquals(0, take(ring).seq(), "the oldest record is untouched");
        assertTrue(put(ring, accepted, 100), "room again after one record was read");
        for (int i = 1; i <= accepted; i++) {
            Got g = take(ring);
            assertEquals(i, g.seq());
            assertTrue(g.intact());
        }
        assertEquals(null, take(ring));
        assertFalse(put(ring, 0, ring.maxPayload() + 1), "a record larger than half the ring is refused");
    }

    @Test
    void aConsumerThreadNeverSeesATornRecord() throws Exception {
        RecordRing ring = new RecordRing(1 << 14);
        int total = 200_000;
        AtomicReference<String> failure = new AtomicReference<>();
        Thread consumer = Thread.ofPlatform().start(() -> {
            long expected = 0;
            while (expected < total && failure.get() == null) {
                Got g = take(ring);
                if (g == null) {
                    Thread.onSpinWait();
                    continue;
                }
                if (g.seq() != expected || !g.intact() || g.n() != (int) (expected % 300)) {
                    failure.set("record " + expected + " came out as " + g);
                }
                expected++;
            }
        });
        for (long seq = 0; seq < total && failure.get() == null; ) {
            if (put(ring, seq, (int) (seq % 300))) {
                seq++;
            } else {
                Thread.onSpinWait();
            }
        }
        consumer.join();
        assertEquals(null, failure.get());
    }
}
