package io.chunkrt.ros.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chunkrt.fusion.IngestStatus;
import io.chunkrt.fusion.JointStateStream;
import io.chunkrt.fusion.ObservationStreams;
import io.chunkrt.fusion.StreamSettings;
import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.dds.CycloneTransport;
import io.chunkrt.ros.dds.DdsSettings;
import io.chunkrt.ros.msg.JointStateCodec;
import io.chunkrt.ros.msg.JointStateMessage;
import io.chunkrt.ros.testing.AllocationMeter;
import io.chunkrt.ros.testing.TestDomains;
import io.chunkrt.ros.testing.Waits;
import io.chunkrt.ros.transport.MessageSubscription;
import io.chunkrt.ros.transport.NodeIdentity;
import io.chunkrt.ros.transport.QosProfile;
import io.chunkrt.ros.transport.ReceiveWaitSet;
import io.chunkrt.ros.transport.RosPublisher;
import io.chunkrt.ros.transport.RosSubscription;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A joint-state topic through real Cyclone DDS into the node's receive side: names in any order and extra names
 * are mapped by name to the fusion stream and to the control thread's measured snapshot; messages that cannot
 * give every wanted joint a finite position are counted and change nothing; 10 000 messages allocate nothing.
 */
class JointStateFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private CycloneTransport sender;
    private CycloneTransport node;
    private RosPublisher publisher;
    private JointStateFeed feed;
    private JointStateStream stream;
    private ReceiveWaitSet waitSet;
    private final EpochClock clock = new EpochClock();

    @BeforeEach
    void open() {
        DdsSettings settings = DdsSettings.loopbackOnly(TestDomains.next(), RosDistro.JAZZY);
        sender = CycloneTransport.open(settings, new NodeIdentity("broadcaster", "/"));
        node = CycloneTransport.open(settings, new NodeIdentity("chunkrt", "/"));
        publisher = sender.createPublisher("/joint_states", JointStateCodec.TYPE, QosProfile.DEFAULT.withDepth(100));
        RosSubscription sub = node.createSubscription("/joint_states", JointStateCodec.TYPE, QosProfile.DEFAULT.withDepth(100), 8192);
        ObservationStreams streams = ObservationStreams.builder().jointStates("/joint_states", List.of("shoulder", "elbow"),
                StreamSettings.of(64, 1_000_000_000L)).build();
        stream = streams.jointStates("/joint_states");
        feed = new JointStateFeed("/joint_states", new MessageSubscription<>(sub, JointStateCodec.INSTANCE), new JointStateMessage(16), clock, true, stream,
                List.of("elbow", "wrist"));
        waitSet = node.createWaitSet();
        feed.attachTo(waitSet);
        Waits.until("discovery", WAIT, () -> publisher.matchedSubscriptions() > 0 && sub.matchedPublishers() > 0);
    }

    @AfterEach
    void close() {
        waitSet.close();
        node.close();
        sender.close();
    }

    private void send(String[] names, double[] positions) {
        JointStateMessage m = new JointStateMessage(16);
        m.setNames(names);
        System.arraycopy(positions, 0, m.positions(), 0, positions.length);
        m.setPositionCount(positions.length);
        m.header.stamp.setNanos(clock.nanoTime());
        byte[] cdr = JointStateCodec.INSTANCE.encodeToArray(m);
        publisher.publish(cdr, 0, cdr.length);
    }

    private void receive(long total) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (feed.subscription().counters().decoded() < total) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("received " + feed.subscription().counters() + ", expected " + total);
            }
            waitSet.await(50_000_000L);
            feed.drain();
        }
    }

    @Test
    void namesInAnyOrderWithExtrasReachTheStreamAndTheMeasuredSnapshotByName() {
        send(new String[] {"wrist", "gripper", "elbow", "shoulder"}, new double[] {0.3, 9.0, 0.2, 0.1});
        receive(1);
        double[] measured = new double[2];
        long stamp = feed.measured().read(measured);
        assertArrayEquals(new double[] {0.2, 0.3}, measured, "elbow, wrist: the commanded joints in command order");
        assertEquals(1, feed.measuredUpdates());
        assertEquals(true, clock.nanoTime() - stamp >= 0 && clock.nanoTime() - stamp < 5_000_000_000L, "stamped with the receive time");
        assertEquals(1, stream.counters().count(IngestStatus.ACCEPTED));
    }

    @Test
    void messagesWithoutEveryJointAsAFiniteNumberAreCountedAndChangeNothing() {
        send(new String[] {"shoulder", "elbow", "wrist"}, new double[] {0.1, 0.2, 0.3});
        send(new String[] {"shoulder", "elbow"}, new double[] {1, 1});                       // wrist missing
        send(new String[] {"shoulder", "elbow", "wrist"}, new double[] {1, Double.NaN, 1});    // not finite
        send(new String[] {"shoulder", "elbow", "wrist"}, new double[0]);                      // no positions (effort-only publishers)
        receive(4);
        double[] measured = new double[2];
        feed.measured().read(measured);
        assertArrayEquals(new double[] {0.2, 0.3}, measured, "still the first message's positions");
        assertEquals(1, feed.measuredUpdates());
        assertEquals(1, feed.faults(JointStateFeed.Fault.MISSING_JOINT));
        assertEquals(1, feed.faults(JointStateFeed.Fault.NOT_FINITE));
        assertEquals(1, feed.faults(JointStateFeed.Fault.NO_POSITIONS));
        assertEquals(2, stream.counters().count(IngestStatus.ACCEPTED), "the stream needs shoulder and elbow only: the wrist-less message is fine for it");
        assertEquals(1, stream.counters().count(IngestStatus.NOT_FINITE));
        assertEquals(1, stream.counters().count(IngestStatus.LENGTH_MISMATCH));
    }

    @Test
    void tenThousandMessagesAllocateNothingOnTheReceiveThreadAfterWarmUp() {
        JointStateMessage m = new JointStateMessage(16);
        m.setNames("wrist", "gripper", "elbow", "shoulder");
        m.setPositionCount(4);
        AtomicBoolean stop = new AtomicBoolean();
        Thread feeder = Thread.ofPlatform().name("broadcaster").start(() -> {
            while (!stop.get()) {
                m.header.stamp.setNanos(clock.nanoTime());
                byte[] cdr = JointStateCodec.INSTANCE.encodeToArray(m);
                publisher.publish(cdr, 0, cdr.length);
                LockSupport.parkNanos(20_000);
            }
        });
        try {
            receive(5_000);
            long[] windows = new long[5];
            for (int w = 0; w < windows.length; w++) {
                long target = feed.subscription().counters().decoded() + 10_000;
                long before = AllocationMeter.currentThread();
                receive(target);
                windows[w] = AllocationMeter.currentThread() - before;
                if (windows[w] == 0) {
                    break;
                }
            }
            assertEquals(0, java.util.Arrays.stream(windows).min().orElseThrow(), "bytes per window of 10 000: " + java.util.Arrays.toString(windows));
            assertEquals(0, feed.subscription().counters().droppedTotal());
        } finally {
            stop.set(true);
            try {
                feeder.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
