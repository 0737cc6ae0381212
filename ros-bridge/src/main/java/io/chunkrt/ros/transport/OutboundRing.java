package io.chunkrt.ros.transport;

import io.chunkrt.ros.cdr.CdrWriter;
import io.chunkrt.ros.msg.MessageCodec;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A preallocated single-producer/single-consumer ring of serialized samples between the control thread
 * (producer) and a {@link PublisherThread} (consumer) that publishes them. The producer encodes straight into
 * a slot and never blocks, allocates or calls DDS: when the ring is full the new sample is dropped and
 * counted. All slots live in one array so the native writer sees a single Java array.
 */
public final class OutboundRing {
    private final byte[] slots;
    private final int[] lengths;
    private final int slotBytes;
    private final int mask;
    private final CdrWriter writer = CdrWriter.fixed();
    private final AtomicLong head = new AtomicLong(); // next slot to publish (consumer)
    private final AtomicLong tail = new AtomicLong(); // next slot to fill (producer)
    private final AtomicLong droppedFull = new AtomicLong();
    private final AtomicLong droppedOversize = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();
    private volatile PublisherThread consumer;
    private boolean claimed;
    private int lastOffset;
    private int lastLength;

    /**
     * @param slotCount a power of two, 2 or more
     * @param slotBytes room for one serialized sample, header included
     */
    public OutboundRing(int slotCount, int slotBytes) {
        if (slotCount < 2 || Integer.bitCount(slotCount) != 1) {
            throw new IllegalArgumentException("ring slot count " + slotCount + " must be a power of two >= 2");
        }
        if (slotBytes < 8) {
            throw new IllegalArgumentException("ring slot size " + slotBytes + " bytes cannot hold a CDR sample");
        }
        this.slots = new byte[Math.multiplyExact(slotCount, slotBytes)];
        this.lengths = new int[slotCount];
        this.slotBytes = slotBytes;
        this.mask = slotCount - 1;
    }

    void attach(PublisherThread thread) {
        this.consumer = thread;
    }

    /**
     * Producer: claims the next slot and returns a writer positioned after its CDR header, or null when the ring
     * is full (the sample is counted as dropped). Follow with {@link #commit()}.
     */
    public CdrWriter claim() {
        long t = tail.get();
        if (t - head.get() > mask) {
            droppedFull.lazySet(droppedFull.get() + 1);
            return null;
        }
        claimed = true;
        int index = (int) (t & mask);
        return writer.begin(slots, index * slotBytes, slotBytes);
    }

    /**
     * Producer: publishes the claimed slot to the consumer.
     *
     * @return false when the sample did not fit its slot (dropped and counted)
     */
    public boolean commit() {
        if (!claimed) {
            throw new IllegalStateException("commit() without a successful claim()");
        }
        claimed = false;
        if (writer.overflowed()) {
            droppedOversize.lazySet(droppedOversize.get() + 1);
            return false;
        }
        long t = tail.get();
        lengths[(int) (t & mask)] = writer.length();
        lastOffset = (int) (t & mask) * slotBytes;
        lastLength = writer.length();
        tail.set(t + 1); // a full fence: the consumer's parked flag is read after the tail is visible
        PublisherThread c = consumer;
        if (c != null) {
            c.wakeIfParked();
        }
        return true;
    }

    /** Producer: encodes {@code message} into the next slot and commits it. @return false if dropped */
    public <M> boolean offer(MessageCodec<M> codec, M message) {
        CdrWriter w = claim();
        if (w == null) {
            return false;
        }
        codec.encode(message, w);
        return commit();
    }

    /**
     * Producer: the sample it committed last, header included, in {@link #lastSampleBuffer()} from
     * {@link #lastSampleOffset()} for {@link #lastSampleLength()} bytes (e.g. to record it as published). Valid until
     * the producer's next claim; the consumer only reads the slot.
     */
    public byte[] lastSampleBuffer() {
        return slots;
    }

    public int lastSampleOffset() {
        return lastOffset;
    }

    public int lastSampleLength() {
        return lastLength;
    }

    /** Consumer: publishes every committed sample. @return how many were taken off the ring */
    int drainTo(RosPublisher publisher) {
        long h = head.get();
        long t = tail.get();
        int n = 0;
        while (h < t) {
            int index = (int) (h & mask);
            PublishStatus s = publisher.publish(slots, index * slotBytes, lengths[index]);
            if (s == PublishStatus.OK) {
                published.lazySet(published.get() + 1);
            } else {
                publishFailures.lazySet(publishFailures.get() + 1);
            }
            h++;
            head.lazySet(h);
            n++;
        }
        return n;
    }

    boolean isEmpty() {
        return head.get() == tail.get();
    }

    public long published() {
        return published.get();
    }

    public long publishFailures() {
        return publishFailures.get();
    }

    public long droppedFull() {
        return droppedFull.get();
    }

    public long droppedOversize() {
        return droppedOversize.get();
    }

    /** Samples committed and not yet published. */
    public long pending() {
        return tail.get() - head.get();
    }
}
