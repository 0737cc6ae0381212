package io.chunkrt.replay.record;

import io.chunkrt.replay.RecordingException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flight recorder: what the node received and published and its decisions, written to a rosbag2 bag (through a
 * {@link FlightLogSink}, normally the ROS bridge's {@code BagFlightLog}) by its own thread. Producers never block:
 * each producer thread has its own {@link RecorderChannel}, a preallocated single-producer ring; the recorder
 * thread drains the channels, oldest record first, and hands the records to the sink.
 *
 * <pre>{@code
 * FlightRecorder.Builder b = FlightRecorder.builder();
 * int joints = b.jointStates("/joint_states", List.of("j1", "j2"));
 * int top = b.image("/top/image_raw");
 * int command = b.serialized("/arm_controller/commands", "std_msgs/msg/Float64MultiArray");
 * RecorderChannel control = b.channel("control", 1 << 20);
 * RecorderChannel camera = b.channel("camera-top", 64 << 20);
 * try (FlightRecorder recorder = b.start(sink)) {
 *     ... control.event(nowNs, FlightEvent.CHUNK_ACCEPTED, -1, stampNs, ageNs); camera.image(top, ...); ...
 * } // close drains every channel, then closes the sink (the bag's summary and metadata.yaml)
 * }</pre>
 */
public final class FlightRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FlightRecorder.class);

    private final List<RecorderTopic> topics;
    private final List<RecorderChannel> channels;
    private final FlightLogSink sink;
    private final Thread thread;
    private final double[] positions;
    private volatile boolean closing;
    private volatile RuntimeException failure;
    private long delivered;

    private FlightRecorder(List<RecorderTopic> topics, List<RecorderChannel> channels, FlightLogSink sink) {
        this.topics = topics;
        this.channels = channels;
        this.sink = sink;
        int maxJoints = 1;
        for (RecorderTopic t : topics) {
            maxJoints = Math.max(maxJoints, t.joints().size());
        }
        this.positions = new double[maxJoints];
        for (RecorderChannel c : channels) {
            c.attach(sink, positions);
        }
        this.thread = Thread.ofPlatform().name("chunkrt-recorder").daemon(true).unstarted(this::drain);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<RecorderTopic> topics() {
        return topics;
    }

    public List<RecorderChannel> channels() {
        return channels;
    }

    /** Records dropped by all channels so far (rings full). */
    public long dropped() {
        long n = 0;
        for (RecorderChannel c : channels) {
            n += c.dropped();
        }
        return n;
    }

    /** Records written to the sink so far (recorder thread's count; read after close for the final number). */
    public long delivered() {
        return delivered;
    }

    private void drain() {
        try {
            while (true) {
                boolean closingNow = closing; // read before draining: whatever was committed before close() is drained
                int n = 0;
                while (deliverOldest()) {
                    n++;
                }
                if (n == 0) {
                    if (closingNow) {
                        return;
                    }
                    LockSupport.parkNanos(1_000_000);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("flight recorder stopped: {}; producers now drop what they record", e.getMessage(), e);
        }
    }

    /** Delivers the oldest head record among the channels; false when all are empty. */
    private boolean deliverOldest() {
        int best = -1;
        long bestNs = Long.MAX_VALUE;
        for (int i = 0; i < channels.size(); i++) {
            long t = channels.get(i).peekTimeNs();
            if (t != Long.MAX_VALUE && (best < 0 || t < bestNs)) {
                best = i;
                bestNs = t;
            }
        }
        if (best < 0) {
            return false;
        }
        channels.get(best).drainOne();
        delivered++;
        return true;
    }

    /**
     * Drains every channel, writes a final {@link FlightEvent#RECORDS_DROPPED} when anything was dropped, and closes
     * the sink. Producers must have stopped. Throws RecordingException if the sink failed while recording.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RuntimeException f = failure;
        try {
            if (f == null) {
                long lost = dropped();
                if (lost > 0) {
                    long last = Long.MIN_VALUE;
                    for (RecorderChannel c : channels) {
                        last = Math.max(last, c.lastTimeNs());
                    }
                    sink.event(0, last == Long.MIN_VALUE ? 0 : last, FlightEvent.RECORDS_DROPPED, -1, lost, 0);
                    LOG.warn("flight recorder dropped {} records: its rings were full (give them more room)", lost);
                }
            }
        } finally {
            try {
                sink.close();
            } catch (RuntimeException e) {
                f = f == null ? e : f;
            }
        }
        if (f != null) {
            throw f instanceof RecordingException r ? r : new RecordingException("flight recording failed: " + f.getMessage(), f);
        }
    }

    /** Topics and channels, fixed before the recorder starts. */
    public static final class Builder {
        private final List<RecorderTopic> topics = new ArrayList<>();
        private final List<RecorderChannel> channels = new ArrayList<>();
        private final int eventsTopic;

        private Builder() {
            topics.add(new RecorderTopic(RecorderTopic.EVENTS_TOPIC, RecorderTopic.Kind.EVENTS, List.of(), null));
            eventsTopic = 0;
        }

        private int add(RecorderTopic t) {
            for (RecorderTopic existing : topics) {
                if (existing.name().equals(t.name())) {
                    throw new IllegalArgumentException("topic '" + t.name() + "' is recorded twice; give each recorded topic its own name");
                }
            }
            if (!channels.isEmpty()) {
                throw new IllegalStateException("add every topic before the first channel");
            }
            topics.add(t);
            return topics.size() - 1;
        }

        /** A sensor_msgs/JointState topic carrying these joints in this order; returns its handle. */
        public int jointStates(String topic, List<String> joints) {
            return add(new RecorderTopic(topic, RecorderTopic.Kind.JOINT_STATE, joints, null));
        }

        /** A sensor_msgs/Image topic. */
        public int image(String topic) {
            return add(new RecorderTopic(topic, RecorderTopic.Kind.IMAGE, List.of(), null));
        }

        /** A sensor_msgs/CompressedImage topic. */
        public int compressedImage(String topic) {
            return add(new RecorderTopic(topic, RecorderTopic.Kind.COMPRESSED_IMAGE, List.of(), null));
        }

        /** A topic whose messages are recorded as the CDR bytes the node received or published. */
        public int serialized(String topic, String rosType) {
            return add(new RecorderTopic(topic, RecorderTopic.Kind.SERIALIZED, List.of(), rosType));
        }

        /** A producer channel with a ring of {@code ringBytes} (a power of two): one per producer thread. */
        public RecorderChannel channel(String name, int ringBytes) {
            RecorderChannel c = new RecorderChannel(name, ringBytes, List.copyOf(topics), eventsTopic);
            channels.add(c);
            return c;
        }

        /** Opens the sink with the topics and starts the recorder thread. */
        public FlightRecorder start(FlightLogSink sink) {
            if (channels.isEmpty()) {
                throw new IllegalStateException("the flight recorder needs at least one channel");
            }
            sink.open(List.copyOf(topics));
            FlightRecorder r = new FlightRecorder(List.copyOf(topics), List.copyOf(channels), sink);
            r.thread.start();
            return r;
        }
    }
}
