package io.chunkrt.ros.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.dds.CycloneTransport;
import io.chunkrt.ros.dds.DdsSettings;
import io.chunkrt.ros.msg.Float64MultiArrayCodec;
import io.chunkrt.ros.msg.Float64MultiArrayMessage;
import io.chunkrt.ros.msg.ImageCodec;
import io.chunkrt.ros.msg.ImageMessage;
import io.chunkrt.ros.msg.JointStateCodec;
import io.chunkrt.ros.msg.JointStateMessage;
import io.chunkrt.ros.msg.JointTrajectoryCodec;
import io.chunkrt.ros.msg.JointTrajectoryMessage;
import io.chunkrt.ros.msg.JointTrajectoryPointMessage;
import io.chunkrt.ros.msg.PixelEncoding;
import io.chunkrt.ros.peer.PeerProcess;
import io.chunkrt.ros.testing.TestDomains;
import io.chunkrt.ros.testing.Waits;
import io.chunkrt.ros.transport.MessageSubscription;
import io.chunkrt.ros.transport.NodeIdentity;
import io.chunkrt.ros.transport.PublishStatus;
import io.chunkrt.ros.transport.QosProfile;
import io.chunkrt.ros.transport.ReceiveWaitSet;
import io.chunkrt.ros.transport.RosPublisher;
import io.chunkrt.ros.transport.RosSubscription;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The node against real peers of both DDS vendors ROS 2 ships with: a C program on Cyclone DDS (idlc types)
 * and a C++ program on Fast DDS 2.9 (fastddsgen types), each compiled from the same IDL with ROS type names.
 * Every participant is confined to the loopback interface.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VendorInteropTest {
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final int JOINTS = 7;

    enum Vendor {
        CYCLONE("cyclone_peer"),
        FAST_DDS("fastdds_peer");

        final String binary;

        Vendor(String binary) {
            this.binary = binary;
        }

        String topic(String leaf) {
            return "/interop_" + name().toLowerCase(Locale.ROOT) + "/" + leaf;
        }
    }

    private int domain;
    private CycloneTransport node;

    @BeforeAll
    void open() {
        domain = TestDomains.next();
        node = CycloneTransport.open(DdsSettings.loopbackOnly(domain, RosDistro.JAZZY), new NodeIdentity("interop_node", "/"));
    }

    @AfterAll
    void close() {
        node.close();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void jointStateFromThePeerArrivesWithEveryField(Vendor vendor) {
        String topic = vendor.topic("joint_states");
        RosSubscription sub = node.createSubscription(topic, JointStateCodec.TYPE, QosProfile.DEFAULT, 64 * 1024);
        try (ReceiveWaitSet ws = node.createWaitSet();
             PeerProcess peer = PeerProcess.start(domain, vendor.binary, "send-joint-state", "rt" + topic, Integer.toString(JOINTS))) {
            ws.attach(sub);
            peer.expect("matched", STEP);
            Waits.until("the node to discover the peer's writer", STEP, () -> sub.matchedPublishers() > 0);
            peer.send("go");
            peer.expect("sent", STEP);
            MessageSubscription<JointStateMessage> typed = new MessageSubscription<>(sub, JointStateCodec.INSTANCE);
            JointStateMessage m = new JointStateMessage(16);
            assertEquals(MessageSubscription.Received.MESSAGE, takeOne(ws, typed, m));
            assertEquals(1700000000, m.header.stamp.sec());
            assertEquals(123456789L, m.header.stamp.nanosec());
            assertEquals("peer_base", m.header.frameId.toString());
            assertEquals(JOINTS, m.nameCount());
            assertEquals(JOINTS, m.positionCount());
            assertEquals(JOINTS, m.velocityCount());
            assertEquals(JOINTS, m.effortCount());
            for (int i = 0; i < JOINTS; i++) {
                assertEquals(PeerContent.jointName(i), m.name(i).toString());
                assertEquals(PeerContent.position(i, 0), m.position(i));
                assertEquals(PeerContent.velocity(i), m.velocity(i));
                assertEquals(PeerContent.effort(i), m.effort(i));
            }
            assertEquals(0, typed.counters().droppedTotal(), typed.counters().toString());
        } finally {
            sub.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rgb8ImageOf640x480FromThePeerArrivesByteForByte(Vendor vendor) {
        String topic = vendor.topic("image_raw");
        int w = 640;
        int h = 480;
        RosSubscription sub = node.createSubscription(topic, ImageCodec.TYPE, QosProfile.DEFAULT.withDepth(2), w * h * 3 + 4096);
        try (ReceiveWaitSet ws = node.createWaitSet();
             PeerProcess peer = PeerProcess.start(domain, vendor.binary, "send-image", "rt" + topic, Integer.toString(w), Integer.toString(h))) {
            ws.attach(sub);
            peer.expect("matched", STEP);
            Waits.until("the node to discover the peer's writer", STEP, () -> sub.matchedPublishers() > 0);
            peer.send("go");
            peer.expect("sent", STEP);
            MessageSubscription<ImageMessage> typed = new MessageSubscription<>(sub, ImageCodec.INSTANCE);
            ImageMessage m = ImageMessage.forCamera(w, h, PixelEncoding.RGB8);
            assertEquals(MessageSubscription.Received.MESSAGE, takeOne(ws, typed, m));
            assertEquals(1700000100, m.header.stamp.sec());
            assertEquals(5000L, m.header.stamp.nanosec());
            assertEquals("camera_optical", m.header.frameId.toString());
            assertEquals(h, m.height);
            assertEquals(w, m.width);
            assertEquals(PixelEncoding.RGB8, m.pixelEncoding());
            assertEquals(0, m.isBigEndian);
            assertEquals(w * 3L, m.step);
            assertEquals(w * h * 3, m.dataLength());
            byte[] data = m.data();
            for (int k = 0; k < m.dataLength(); k++) {
                if ((data[k] & 0xff) != PeerContent.pixel(k, 0)) {
                    throw new AssertionError("pixel byte " + k + " is " + (data[k] & 0xff) + ", expected " + PeerContent.pixel(k, 0));
                }
            }
        } finally {
            sub.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void float64MultiArrayFromTheNodeArrivesAtThePeerWithEveryField(Vendor vendor) {
        String topic = vendor.topic("forward_position_controller/commands");
        Float64MultiArrayMessage m = new Float64MultiArrayMessage(32, 2);
        m.setDimCount(2);
        m.dim(0).set("arms", 2, 14);
        m.dim(1).set("joints", 7, 7);
        m.dataOffset = 3;
        double[] values = new double[14];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(i * 0.37) * 1.5 - Math.ulp(1.0) * i;
        }
        m.setData(values, values.length);
        Map<String, String> got = publishAndRead(vendor, topic, Float64MultiArrayCodec.INSTANCE.type(),
                Float64MultiArrayCodec.INSTANCE.encodeToArray(m), "recv-float64-multi-array");
        assertEquals(PeerContent.fields(m), got);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void jointTrajectoryFromTheNodeArrivesAtThePeerWithEveryField(Vendor vendor) {
        String topic = vendor.topic("joint_trajectory_controller/joint_trajectory");
        JointTrajectoryMessage m = new JointTrajectoryMessage(8, 4);
        m.header.stamp.set(0, 0);
        m.header.frameId.set("base_link");
        m.setJointNames("shoulder_pan", "shoulder_lift", "elbow", "wrist_1", "wrist_2", "wrist_3");
        m.setPointCount(3);
        for (int p = 0; p < 3; p++) {
            JointTrajectoryPointMessage pt = m.pointSlot(p);
            for (int j = 0; j < 6; j++) {
                pt.positions()[j] = 0.1 * j + p * 0.01;
                pt.velocities()[j] = p == 2 ? 0.0 : -0.2 * j;
            }
            pt.setPositionCount(6);
            pt.setVelocityCount(6);
            pt.setAccelerationCount(0);
            pt.setEffortCount(0);
            pt.timeFromStart.setNanos((p + 1) * 33_333_333L);
        }
        Map<String, String> got = publishAndRead(vendor, topic, JointTrajectoryCodec.INSTANCE.type(),
                JointTrajectoryCodec.INSTANCE.encodeToArray(m), "recv-joint-trajectory");
        assertEquals(PeerContent.fields(m), got);
    }

    private Map<String, String> publishAndRead(Vendor vendor, String topic, io.chunkrt.ros.msg.RosMessageType type, byte[] cdr, String mode) {
        try (RosPublisher pub = node.createPublisher(topic, type, QosProfile.COMMANDS);
             PeerProcess peer = PeerProcess.start(domain, vendor.binary, mode, "rt" + topic)) {
            peer.expect("matched", STEP);
            Waits.until("the node to discover the peer's reader", STEP, () -> pub.matchedSubscriptions() > 0);
            assertEquals(PublishStatus.OK, pub.publish(cdr, 0, cdr.length));
            Map<String, String> fields = peer.readFields(STEP);
            assertEquals(0, peer.finish(STEP), peer.stderr());
            return fields;
        }
    }

    private static <M> MessageSubscription.Received takeOne(ReceiveWaitSet ws, MessageSubscription<M> sub, M into) {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (System.nanoTime() - deadline < 0) {
            ws.await(100_000_000L);
            MessageSubscription.Received r = sub.takeInto(into);
            if (r == MessageSubscription.Received.MESSAGE) {
                return r;
            }
            assertTrue(r != MessageSubscription.Received.DROPPED, "a sample was dropped: " + sub.counters());
        }
        return MessageSubscription.Received.NONE;
    }
}
