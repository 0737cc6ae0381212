package io.chunkrt.ros.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.SampleFault;
import io.chunkrt.ros.msg.Float64MultiArrayCodec;
import io.chunkrt.ros.msg.Float64MultiArrayMessage;
import io.chunkrt.ros.msg.RosMessageType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The control thread's hand-off to the publisher thread. The publisher here records what it is given: DDS is
 * not what these tests are about (HotPathAllocationTest and the interop tests publish through real DDS).
 */
class OutboundRingTest {
    /** Keeps every published sample. */
    private static final class RecordingPublisher implements RosPublisher {
        final List<byte[]> samples = new ArrayList<>();

        @Override
        public String topic() {
            return "/recorded";
        }

        @Override
        public RosMessageType type() {
            return Float64MultiArrayCodec.TYPE;
        }

        @Override
        public QosProfile qos() {
            return QosProfile.COMMANDS;
        }

        @Override
        public synchronized PublishStatus publish(byte[] cdr, int offset, int length) {
            samples.add(Arrays.copyOfRange(cdr, offset, offset + length));
            return PublishStatus.OK;
        }

        synchronized int count() {
            return samples.size();
        }

        @Override
        public int matchedSubscriptions() {
            return 1;
        }

        @Override
        public void close() {}
    }

    private static Float64MultiArrayMessage command(double first) {
        Float64MultiArrayMessage m = new Float64MultiArrayMessage(6, 0);
        m.setData(new double[] {first, 1, 2, 3, 4, 5}, 6);
        return m;
    }

    @Test
    void aFullRingDropsTheNewestCommandAndCountsItWithoutBlocking() {
        RecordingPublisher pub = new RecordingPublisher();
        try (PublisherThread thread = new PublisherThread("ring-test")) {
            OutboundRing ring = thread.register(pub, 4, 256);
            for (int i = 0; i < 6; i++) {
                boolean accepted = ring.offer(Float64MultiArrayCodec.INSTANCE, command(i));
                assertEquals(i < 4, accepted, "offer " + i);
            }
            assertEquals(2, ring.droppedFull());
            assertEquals(4, ring.pending());
            thread.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (pub.count() < 4 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(4, pub.count());
            CdrReader reader = new CdrReader();
            Float64MultiArrayMessage back = new Float64MultiArrayMessage(6, 0);
            for (int i = 0; i < 4; i++) {
                byte[] s = pub.samples.get(i);
                assertEquals(SampleFault.NONE, Float64MultiArrayCodec.INSTANCE.decode(reader, s, 0, s.length, back));
                assertEquals(i, back.data()[0], "published in order");
            }
        }
    }

    @Test
    void aCommandLargerThanItsSlotIsDroppedAndCounted() {
        OutboundRing ring = new OutboundRing(2, 32);
        assertFalse(ring.offer(Float64MultiArrayCodec.INSTANCE, command(0)));
        assertEquals(1, ring.droppedOversize());
        assertEquals(0, ring.pending());
    }

    @Test
    void claimReturnsNullWhenFullSoTheProducerNeverWaits() {
        OutboundRing ring = new OutboundRing(2, 64);
        assertTrue(ring.claim() != null);
        assertTrue(ring.commit());
        assertTrue(ring.claim() != null);
        assertTrue(ring.commit());
        assertNull(ring.claim());
        assertEquals(1, ring.droppedFull());
    }

    @Test
    void closingPublishesWhatWasCommittedFirst() {
        RecordingPublisher pub = new RecordingPublisher();
        PublisherThread thread = new PublisherThread("ring-close-test");
        OutboundRing ring = thread.register(pub, 8, 256);
        thread.start();
        for (int i = 0; i < 8; i++) {
            if (!ring.offer(Float64MultiArrayCodec.INSTANCE, command(i))) {
                i--; // full for a moment: the publisher is draining; offer again
            }
        }
        thread.close();
        assertEquals(8, pub.count());
        assertFalse(thread.isAlive());
    }
}
