package io.chunkrt.replay.record;

import io.chunkrt.fusion.image.PixelEncoding;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One producer thread's way into the flight recorder: a preallocated {@link RecordRing} that the recorder thread
 * drains. Every method copies what it records into the ring and returns at once: true when recorded, false when the
 * ring is full or the record too large (the record is dropped and counted, never waited for). No locks, no
 * allocation, no exceptions for expected conditions. Exactly one thread may call a channel's methods.
 */
public final class RecorderChannel {
    static final int JOINT_STATE = 1;
    static final int IMAGE = 2;
    static final int COMPRESSED = 3;
    static final int SERIALIZED = 4;
    static final int EVENT = 5;
    private static final PixelEncoding[] ENCODINGS = PixelEncoding.values();
    private static final FlightEvent[] EVENTS = FlightEvent.values();

    private final String name;
    private final RecordRing ring;
    private final List<RecorderTopic> topics;
    private final int eventsTopic;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();

    RecorderChannel(String name, int ringBytes, List<RecorderTopic> topics, int eventsTopic) {
        this.name = name;
        this.ring = new RecordRing(ringBytes);
        this.topics = topics;
        this.eventsTopic = eventsTopic;
    }

    public String name() {
        return name;
    }

    RecordRing ring() {
        return ring;
    }

    /** Records dropped because the ring was full or a record too large (any thread may read). */
    public long dropped() {
        return dropped.get();
    }

    public long recorded() {
        return recorded.get();
    }

    /**
     * Waits until a record of {@code payloadBytes} fits. For producers that may wait for the recorder (the replay
     * engine, which has no deadline): never call it on a control or receive thread.
     */
    public void awaitRoom(int payloadBytes) {
        int need = Math.min(ring.capacity(), 2 * (payloadBytes + RecordRing.HEADER_BYTES + 64));
        while (ring.freeBytes() < need) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
    }

    /** The largest payload a record of this channel can carry (half its ring). */
    public int maxPayloadBytes() {
        return ring.maxPayload();
    }

    private boolean kind(int topic, RecorderTopic.Kind expected) {
        return topic >= 0 && topic < topics.size() && topics.get(topic).kind() == expected;
    }

    private boolean drop() {
        dropped.lazySet(dropped.get() + 1);
        return false;
    }

    private boolean done() {
        ring.commit();
        recorded.lazySet(recorded.get() + 1);
        return true;
    }

    /**
     * Positions of a JOINT_STATE topic's joints, in the topic's joint order ({@code count} = its joint count).
     *
     * @param logTimeNs when it was received (the bag's log time)
     * @param stampNs   its header stamp
     */
    public boolean jointState(int topic, long logTimeNs, long stampNs, double[] positions, int count) {
        if (!kind(topic, RecorderTopic.Kind.JOINT_STATE) || count != topics.get(topic).joints().size()) {
            return drop();
        }
        int at = ring.claim(JOINT_STATE, logTimeNs, 16 + 8 * count);
        if (at < 0) {
            return drop();
        }
        ByteBuffer b = ring.producerBuffer();
        b.putLong(at, stampNs);
        b.putInt(at + 8, topic);
        b.putInt(at + 12, count);
        for (int i = 0; i < count; i++) {
            b.putDouble(at + 16 + 8 * i, positions[i]);
        }
        return done();
    }

    /** A raw frame on an IMAGE topic: {@code data} from its position to its limit (not moved). */
    public boolean image(int topic, long logTimeNs, long stampNs, PixelEncoding encoding, int width, int height, int stepBytes, boolean bigEndian,
            ByteBuffer data) {
        if (!kind(topic, RecorderTopic.Kind.IMAGE)) {
            return drop();
        }
        int n = data.remaining();
        int at = ring.claim(IMAGE, logTimeNs, 36 + n);
        if (at < 0) {
            return drop();
        }
        ByteBuffer b = ring.producerBuffer();
        b.putLong(at, stampNs);
        b.putInt(at + 8, topic);
        b.putInt(at + 12, encoding == null ? -1 : encoding.ordinal());
        b.putInt(at + 16, width);
        b.putInt(at + 20, height);
        b.putInt(at + 24, stepBytes);
        b.putInt(at + 28, bigEndian ? 1 : 0);
        b.putInt(at + 32, n);
        data.get(data.position(), ring.array(), at + 36, n);
        return done();
    }

    /** A JPEG or PNG frame on a COMPRESSED_IMAGE topic. */
    public boolean compressedImage(int topic, long logTimeNs, long stampNs, ByteBuffer data) {
        if (!kind(topic, RecorderTopic.Kind.COMPRESSED_IMAGE)) {
            return drop();
        }
        int n = data.remaining();
        int at = ring.claim(COMPRESSED, logTimeNs, 16 + n);
        if (at < 0) {
            return drop();
        }
        ByteBuffer b = ring.producerBuffer();
        b.putLong(at, stampNs);
        b.putInt(at + 8, topic);
        b.putInt(at + 12, n);
        data.get(data.position(), ring.array(), at + 16, n);
        return done();
    }

    /** A CDR-serialized message (header included) on a SERIALIZED topic, byte for byte. */
    public boolean serialized(int topic, long logTimeNs, byte[] cdr, int offset, int length) {
        if (!kind(topic, RecorderTopic.Kind.SERIALIZED)) {
            return drop();
        }
        int at = ring.claim(SERIALIZED, logTimeNs, 8 + length);
        if (at < 0) {
            return drop();
        }
        ByteBuffer b = ring.producerBuffer();
        b.putInt(at, topic);
        b.putInt(at + 4, length);
        System.arraycopy(cdr, offset, ring.array(), at + 8, length);
        return done();
    }

    /** As the byte-array {@code serialized}, from the buffer's position to its limit (not moved). */
    public boolean serialized(int topic, long logTimeNs, ByteBuffer cdr) {
        if (!kind(topic, RecorderTopic.Kind.SERIALIZED)) {
            return drop();
        }
        int n = cdr.remaining();
        int at = ring.claim(SERIALIZED, logTimeNs, 8 + n);
        if (at < 0) {
            return drop();
        }
        ByteBuffer b = ring.producerBuffer();
        b.putInt(at, topic);
        b.putInt(at + 4, n);
        cdr.get(cdr.position(), ring.array(), at + 8, n);
        return done();
    }

    /** A decision on /chunkrt/events. */
    public boolean event(long timeNs, FlightEvent event, int code, long a, long b) {
        int at = ring.claim(EVENT, timeNs, 24);
        if (at < 0) {
            return drop();
        }
        ByteBuffer buf = ring.producerBuffer();
        buf.putInt(at, event.ordinal());
        buf.putInt(at + 4, code);
        buf.putLong(at + 8, a);
        buf.putLong(at + 16, b);
        return done();
    }

    /** Recorder thread: the sink records go to and its scratch space, set once before the thread starts. */
    void attach(FlightLogSink target, double[] scratchPositions) {
        this.sink = target;
        this.positions = scratchPositions;
        this.view = java.nio.ByteBuffer.wrap(ring.array()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    private FlightLogSink sink;
    private double[] positions;
    private ByteBuffer view;
    private long lastTimeNs = Long.MIN_VALUE;
    private final RecordRing.Reader reader = this::deliver;

    /** Recorder thread: the time of the oldest record waiting, or Long.MAX_VALUE. */
    long peekTimeNs() {
        return ring.peekTimeNs();
    }

    /** Recorder thread: hands the oldest record to the sink; false when the ring is empty. */
    boolean drainOne() {
        return ring.readOne(reader);
    }

    /** Recorder thread: time of the last record handed to the sink. */
    long lastTimeNs() {
        return lastTimeNs;
    }

    private void deliver(int type, long timeNs, ByteBuffer b, int at, int bytes) {
        lastTimeNs = timeNs;
        switch (type) {
            case JOINT_STATE -> {
                int count = b.getInt(at + 12);
                for (int i = 0; i < count; i++) {
                    positions[i] = b.getDouble(at + 16 + 8 * i);
                }
                sink.jointState(b.getInt(at + 8), timeNs, b.getLong(at), positions, count);
            }
            case IMAGE -> {
                int e = b.getInt(at + 12);
                int n = b.getInt(at + 32);
                view.limit(at + 36 + n).position(at + 36);
                sink.image(b.getInt(at + 8), timeNs, b.getLong(at), e < 0 ? null : ENCODINGS[e], b.getInt(at + 16), b.getInt(at + 20),
                        b.getInt(at + 24), b.getInt(at + 28) != 0, view);
            }
            case COMPRESSED -> {
                int n = b.getInt(at + 12);
                view.limit(at + 16 + n).position(at + 16);
                sink.compressedImage(b.getInt(at + 8), timeNs, b.getLong(at), view);
            }
            case SERIALIZED -> {
                int n = b.getInt(at + 4);
                view.limit(at + 8 + n).position(at + 8);
                sink.serialized(b.getInt(at), timeNs, view);
            }
            case EVENT -> sink.event(eventsTopic, timeNs, EVENTS[b.getInt(at)], b.getInt(at + 4), b.getLong(at + 8), b.getLong(at + 16));
            default -> throw new IllegalStateException("flight recorder channel '" + name + "' holds a record of unknown type " + type);
        }
    }
}
