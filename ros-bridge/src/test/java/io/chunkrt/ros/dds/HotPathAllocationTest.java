package io.chunkrt.ros.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.msg.Float64MultiArrayCodec;
import io.chunkrt.ros.msg.Float64MultiArrayMessage;
import io.chunkrt.ros.msg.ImageCodec;
import io.chunkrt.ros.msg.ImageMessage;
import io.chunkrt.ros.msg.JointStateCodec;
import io.chunkrt.ros.msg.JointStateMessage;
import io.chunkrt.ros.msg.MessageCodec;
import io.chunkrt.ros.msg.PixelEncoding;
import io.chunkrt.ros.msg.RosMessageType;
import io.chunkrt.ros.testing.AllocationMeter;
import io.chunkrt.ros.testing.TestDomains;
import io.chunkrt.ros.testing.Waits;
import io.chunkrt.ros.transport.MessageSubscription;
import io.chunkrt.ros.transport.NodeIdentity;
import io.chunkrt.ros.transport.OutboundRing;
import io.chunkrt.ros.transport.PublisherThread;
import io.chunkrt.ros.transport.QosProfile;
import io.chunkrt.ros.transport.ReceiveWaitSet;
import io.chunkrt.ros.transport.RosPublisher;
import io.chunkrt.ros.transport.RosSubscription;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The data path through real Cyclone DDS allocates nothing once warm: the receive thread waiting, taking and
 * decoding 10 000 samples, the control thread handing 10 000 commands to the ring, and the publisher thread
 * writing them to DDS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HotPathAllocationTest {
    private static final int WARMUP = 5_000;
    private static final int MEASURED = 10_000;
    /**
     * Windows of {@link #MEASURED} samples tried after warm-up. JIT tiers can still be switching during the first
     * one (C1 code allocates what C2 scalar-replaces, e.g. in the foreign-call stubs); an allocation per sample
     * would show in every window, so the test asks for one whole window without a single byte.
     */
    private static final int MAX_WINDOWS = 5;
    private static final Duration DISCOVERY = Duration.ofSeconds(20);

    private CycloneTransport sender;
    private CycloneTransport receiver;

    @BeforeAll
    void open() {
        DdsSettings settings = DdsSettings.loopbackOnly(TestDomains.next(), RosDistro.JAZZY);
        sender = CycloneTransport.open(settings, new NodeIdentity("sender", "/"));
        receiver = CycloneTransport.open(settings, new NodeIdentity("receiver", "/"));
    }

    @AfterAll
    void close() {
        receiver.close();
        sender.close();
    }

    @Test
    void waitingTakingAndDecodingJointStatesAllocatesNothingAfterWarmUp() {
        JointStateMessage m = new JointStateMessage(14);
        String[] names = new String[14];
        for (int i = 0; i < 14; i++) {
            names[i] = "joint_" + i;
            m.positions()[i] = i;
        }
        m.setNames(names);
        m.setPositionCount(14);
        long allocated = receiveAllocation("/alloc/joint_states", JointStateCodec.INSTANCE, m, new JointStateMessage(14), 8192);
        assertEquals(0, allocated, "the receive thread allocated " + allocated + " bytes over " + MEASURED + " joint states");
    }

    @Test
    void waitingTakingAndDecodingImagesAllocatesNothingAfterWarmUp() {
        ImageMessage m = ImageMessage.forCamera(64, 48, PixelEncoding.RGB8);
        m.height = 48;
        m.width = 64;
        m.encoding.set("rgb8");
        m.step = 64 * 3;
        m.setDataLength(64 * 48 * 3);
        long allocated = receiveAllocation("/alloc/image_raw", ImageCodec.INSTANCE, m, ImageMessage.forCamera(64, 48, PixelEncoding.RGB8), 16384);
        assertEquals(0, allocated, "the receive thread allocated " + allocated + " bytes over " + MEASURED + " images");
    }

    private <M> long receiveAllocation(String topic, MessageCodec<M> codec, M sample, M into, int bufferBytes) {
        RosMessageType type = codec.type();
        RosPublisher pub = sender.createPublisher(topic, type, QosProfile.DEFAULT);
        RosSubscription sub = receiver.createSubscription(topic, type, QosProfile.DEFAULT, bufferBytes);
        AtomicBoolean stop = new AtomicBoolean();
        Thread feeder = null;
        try (ReceiveWaitSet ws = receiver.createWaitSet()) {
            ws.attach(sub);
            Waits.until("discovery", DISCOVERY, () -> pub.matchedSubscriptions() > 0 && sub.matchedPublishers() > 0);
            byte[] cdr = codec.encodeToArray(sample);
            feeder = Thread.ofPlatform().name("feeder").start(() -> {
                while (!stop.get()) {
                    pub.publish(cdr, 0, cdr.length);
                    LockSupport.parkNanos(20_000);
                }
            });
            MessageSubscription<M> typed = new MessageSubscription<>(sub, codec);
            receive(ws, typed, into, WARMUP);
            long[] windows = new long[MAX_WINDOWS];
            for (int w = 0; w < MAX_WINDOWS; w++) {
                long before = AllocationMeter.currentThread();
                receive(ws, typed, into, MEASURED);
                windows[w] = AllocationMeter.currentThread() - before;
                if (windows[w] == 0) {
                    break;
                }
            }
            assertEquals(0, typed.counters().droppedTotal(), typed.counters().toString());
            return steadyState(windows);
        } finally {
            stop.set(true);
            if (feeder != null) {
                try {
                    feeder.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sub.close();
            pub.close();
        }
    }

    /** 0 if some window allocated nothing; otherwise the smallest window's bytes (the steady state). */
    private static long steadyState(long[] windows) {
        long min = Long.MAX_VALUE;
        for (long w : windows) {
            min = Math.min(min, w);
        }
        if (min != 0) {
            System.err.println("allocation per window of " + MEASURED + ": " + java.util.Arrays.toString(windows));
        }
        return min;
    }

    private static <M> void receive(ReceiveWaitSet ws, MessageSubscription<M> sub, M into, int count) {
        int got = 0;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (got < count) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("received " + got + " of " + count + " samples in 60 s");
            }
            ws.await(100_000_000L);
            while (got < count && sub.takeInto(into) == MessageSubscription.Received.MESSAGE) {
                got++;
            }
        }
    }

    @Test
    void handingCommandsToTheRingAndPublishingThemAllocatesNothingOnEitherThreadAfterWarmUp() {
        RosPublisher pub = sender.createPublisher("/alloc/commands", Float64MultiArrayCodec.TYPE, QosProfile.COMMANDS);
        RosSubscription sub = receiver.createSubscription("/alloc/commands", Float64MultiArrayCodec.TYPE, QosProfile.DEFAULT, 4096);
        try (PublisherThread thread = new PublisherThread("chunkrt-publisher-test")) {
            OutboundRing ring = thread.register(pub, 16, 512);
            thread.start();
            Waits.until("discovery", DISCOVERY, () -> pub.matchedSubscriptions() > 0 && sub.matchedPublishers() > 0);
            Float64MultiArrayMessage cmd = new Float64MultiArrayMessage(14, 1);
            cmd.setDataLength(14);
            offer(ring, cmd, WARMUP);
            long[] controlWindows = new long[MAX_WINDOWS];
            long[] publisherWindows = new long[MAX_WINDOWS];
            int offered = WARMUP;
            for (int w = 0; w < MAX_WINDOWS; w++) {
                Waits.until("the ring to drain", DISCOVERY, () -> ring.pending() == 0);
                long publisherBefore = AllocationMeter.thread(thread.threadId());
                long controlBefore = AllocationMeter.currentThread();
                offer(ring, cmd, MEASURED);
                controlWindows[w] = AllocationMeter.currentThread() - controlBefore;
                Waits.until("the ring to drain", DISCOVERY, () -> ring.pending() == 0);
                publisherWindows[w] = AllocationMeter.thread(thread.threadId()) - publisherBefore;
                offered += MEASURED;
                if (controlWindows[w] == 0 && publisherWindows[w] == 0) {
                    break;
                }
            }
            long control = steadyState(controlWindows);
            long publisher = steadyState(publisherWindows);
            assertEquals(0, control, "the control thread allocated " + control + " bytes handing over " + MEASURED + " commands");
            assertEquals(0, publisher, "the publisher thread allocated " + publisher + " bytes writing " + MEASURED + " commands to DDS");
            assertEquals(offered, ring.published() + ring.droppedFull(), "every command was published or counted as dropped");
            assertEquals(0, ring.publishFailures());
            assertTrue(ring.published() > 0);
        } finally {
            sub.close();
            pub.close();
        }
    }

    /** Offers commands at a pace the publisher keeps up with (~50 kHz), like a fast control loop. */
    private static void offer(OutboundRing ring, Float64MultiArrayMessage cmd, int count) {
        for (int i = 0; i < count; i++) {
            cmd.data()[0] = i;
            ring.offer(Float64MultiArrayCodec.INSTANCE, cmd);
            LockSupport.parkNanos(20_000);
        }
    }
}
