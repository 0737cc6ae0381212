package io.chunkrt.replay.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A single-producer, single-consumer ring of variable-length records in one preallocated byte array (the layout of
 * Agrona's OneToOneRingBuffer): each record is a 16-byte header (int length, int type, long time) and its payload,
 * aligned to 8 bytes; a record that would not fit before the end of the array is preceded by a padding record and
 * starts at 0. The producer claims, writes in place and commits with a release store; the consumer reads in place
 * and frees with a release store. Neither side locks, waits or allocates.
 */
final class RecordRing {
    static final int HEADER_BYTES = 16;
    private static final int PADDING = -1;
    private static final int ALIGN = 8;

    private final byte[] bytes;
    private final int capacity;
    private final int mask;
    private final ByteBuffer producer;
    private final ByteBuffer consumer;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    /** Producer-side state. */
    private long headCache;
    private long claimedTail;
    private long producerTail;
    /** Consumer-side state. */
    private long consumerHead;

    RecordRing(int capacityBytes) {
        if (capacityBytes < 1024 || Integer.bitCount(capacityBytes) != 1) {
            throw new IllegalArgumentException("ring capacity " + capacityBytes + " must be a power of two >= 1024 bytes");
        }
        this.bytes = new byte[capacityBytes];
        this.capacity = capacityBytes;
        this.mask = capacityBytes - 1;
        this.producer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.consumer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    int capacity() {
        return capacity;
    }

    /** The largest payload one record can carry. */
    int maxPayload() {
        return capacity / 2 - HEADER_BYTES;
    }

    private static int align(int n) {
        return (n + ALIGN - 1) & -ALIGN;
    }

    /**
     * Producer: claims room for a record of {@code payloadBytes} and writes its header. Returns the payload's offset
     * in {@link #producerBuffer()}, or -1 when the ring is full (nothing is written). Follow with {@link #commit()}.
     */
    int claim(int type, long timeNs, int payloadBytes) {
        if (payloadBytes < 0 || payloadBytes > maxPayload()) {
            return -1;
        }
        int length = HEADER_BYTES + payloadBytes;
        int aligned = align(length);
        long t = producerTail;
        int index = (int) (t & mask);
        int toEnd = capacity - index;
        int required = aligned <= toEnd ? aligned : toEnd + aligned;
        if (t + required - headCache > capacity) {
            headCache = head.getAcquire();
            if (t + required - headCache > capacity) {
                return -1;
            }
        }
        if (aligned > toEnd) {
            producer.putInt(index, toEnd);
            producer.putInt(index + 4, PADDING);
            t += toEnd;
            index = 0;
        }
        producer.putInt(index, length);
        producer.putInt(index + 4, type);
        producer.putLong(index + 8, timeNs);
        claimedTail = t + aligned;
        return index + HEADER_BYTES;
    }

    /** Producer: the buffer to write claimed payloads into (absolute puts only). */
    ByteBuffer producerBuffer() {
        return producer;
    }

    byte[] array() {
        return bytes;
    }

    /** Producer: bytes free for new records right now (the consumer may free more at any time). */
    int freeBytes() {
        return (int) (capacity - (producerTail - head.getAcquire()));
    }

    /** Producer: publishes the claimed record (and any padding before it). */
    void commit() {
        producerTail = claimedTail;
        tail.setRelease(claimedTail);
    }

    /** Consumer: the time of the next record, or Long.MAX_VALUE when the ring is empty. */
    long peekTimeNs() {
        long h = consumerHead;
        long t = tail.getAcquire();
        while (h < t) {
            int index = (int) (h & mask);
            if (consumer.getInt(index + 4) == PADDING) {
                h += consumer.getInt(index);
                continue;
            }
            return consumer.getLong(index + 8);
        }
        return Long.MAX_VALUE;
    }

    /** Consumer: what one record looks like to the reader. */
    interface Reader {
        void onRecord(int type, long timeNs, ByteBuffer buffer, int payloadOffset, int payloadBytes);
    }

    /** Consumer: reads the next record in place and frees it; false when the ring is empty. */
    boolean readOne(Reader reader) {
        long h = consumerHead;
        long t = tail.getAcquire();
        while (h < t) {
            int index = (int) (h & mask);
            int length = consumer.getInt(index);
            int type = consumer.getInt(index + 4);
            if (type == PADDING) {
                h += length;
                continue;
            }
            reader.onRecord(type, consumer.getLong(index + 8), consumer, index + HEADER_BYTES, length - HEADER_BYTES);
            h += align(length);
            consumerHead = h;
            head.setRelease(h);
            return true;
        }
        consumerHead = h;
        head.setRelease(h);
        return false;
    }
}
