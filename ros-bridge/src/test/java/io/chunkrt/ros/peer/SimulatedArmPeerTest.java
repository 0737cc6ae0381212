package io.chunkrt.ros.peer;

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
import io.chunkrt.ros.msg.PixelEncoding;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C "arm" peer (arm_peer.c) that the end-to-end tests drive: 14 joints on two forward controllers, joint
 * states at 100 Hz echoing the commanded positions, a camera, size/NaN checks like forward_command_controller,
 * a record of every command, and the ability to go stale on request. Driven here by the bridge's own
 * publisher thread and ring.
 */
class SimulatedArmPeerTest {
    private static final Duration STEP = Duration.ofSeconds(20);

    @Test
    void armEchoesCommandedPositionsRejectsBadCommandsRecordsThemAndStopsStatesOnRequest(@TempDir Path dir) throws IOException {
        int domain = TestDomains.next();
        Path record = dir.resolve("arm.csv");
        try (CycloneTransport node = CycloneTransport.open(DdsSettings.loopbackOnly(domain, RosDistro.JAZZY), new NodeIdentity("policy", "/"));
             PeerProcess arm = PeerProcess.start(domain, "arm_peer", "--joints", "14",
                     "--command", "rt/left_arm_controller/commands:0", "--command", "rt/right_arm_controller/commands:7",
                     "--camera", "rt/cam_high/image_raw", "--camera-hz", "30", "--width", "64", "--height", "48",
                     "--record", record.toString());
             PublisherThread publisher = new PublisherThread("chunkrt-commands")) {
            arm.expect("ready", STEP);
            RosSubscription states = node.createSubscription("/joint_states", JointStateCodec.TYPE, QosProfile.SENSOR_DATA, 8192);
            RosSubscription camera = node.createSubscription("/cam_high/image_raw", ImageCodec.TYPE, QosProfile.SENSOR_DATA, 64 * 48 * 3 + 1024);
            RosPublisher left = node.createPublisher("/left_arm_controller/commands", Float64MultiArrayCodec.TYPE, QosProfile.COMMANDS);
            RosPublisher right = node.createPublisher("/right_arm_controller/commands", Float64MultiArrayCodec.TYPE, QosProfile.COMMANDS);
            OutboundRing leftRing = publisher.register(left, 8, 512);
            OutboundRing rightRing = publisher.register(right, 8, 512);
            publisher.start();
            Waits.until("the arm and the node to discover each other", STEP, () -> states.matchedPublishers() > 0
                    && camera.matchedPublishers() > 0 && left.matchedSubscriptions() > 0 && right.matchedSubscriptions() > 0);
            ReceiveWaitSet ws = node.createWaitSet();
            ws.attach(states);
            ws.attach(camera);
            MessageSubscription<JointStateMessage> js = new MessageSubscription<>(states, JointStateCodec.INSTANCE);
            MessageSubscription<ImageMessage> img = new MessageSubscription<>(camera, ImageCodec.INSTANCE);
            JointStateMessage state = new JointStateMessage(14);
            ImageMessage frame = ImageMessage.forCamera(64, 48, PixelEncoding.RGB8);

            Float64MultiArrayMessage cmd = new Float64MultiArrayMessage(14, 0);
            double[] leftTarget = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7};
            cmd.setData(leftTarget, 7);
            assertTrue(leftRing.offer(Float64MultiArrayCodec.INSTANCE, cmd));
            awaitState(ws, js, state, s -> s.nameCount() == 14 && s.position(0) == 0.1 && s.position(6) == 0.7);
            assertEquals("joint_13", state.name(13).toString());
            assertEquals(0.0, state.position(7), "the right arm did not move");

            cmd.setData(new double[] {1, 2, 3, 4, 5}, 5);                 // 5 values for a 7-joint controller
            assertTrue(rightRing.offer(Float64MultiArrayCodec.INSTANCE, cmd));
            cmd.setData(new double[] {0, 0, Double.NaN, 0, 0, 0, 0}, 7);  // non-finite
            assertTrue(rightRing.offer(Float64MultiArrayCodec.INSTANCE, cmd));
            double[] rightTarget = {-0.1, -0.2, -0.3, -0.4, -0.5, -0.6, -0.7};
            cmd.setData(rightTarget, 7);
            assertTrue(rightRing.offer(Float64MultiArrayCodec.INSTANCE, cmd));
            awaitState(ws, js, state, s -> s.position(13) == -0.7);
            for (int i = 0; i < 7; i++) {
                assertEquals(leftTarget[i], state.position(i));
                assertEquals(rightTarget[i], state.position(7 + i));
            }

            long deadline = System.nanoTime() + STEP.toNanos();
            int frames = 0;
            while (frames < 2 && System.nanoTime() - deadline < 0) {
                ws.await(100_000_000L);
                while (img.takeInto(frame) == MessageSubscription.Received.MESSAGE) {
                    frames++;
                    assertEquals(64, frame.width);
                    assertEquals(PixelEncoding.RGB8, frame.pixelEncoding());
                }
                js.takeInto(state);
            }
            assertTrue(frames >= 2, "camera frames received: " + frames);

            arm.send("pause-state");
            arm.expect("ok pause-state", STEP);
            Waits.until("states in flight to drain", STEP, () -> js.takeInto(state) == MessageSubscription.Received.NONE);
            long received = js.counters().decoded();
            sleepQuietly(300);
            while (js.takeInto(state) == MessageSubscription.Received.MESSAGE) {
                // at most what was already in flight
            }
            assertTrue(js.counters().decoded() - received <= 1, "joint states kept coming after pause-state");
            arm.send("resume-state");
            arm.expect("ok resume-state", STEP);
            awaitState(ws, js, state, s -> true);

            arm.send("quit");
            String stats = arm.expect("stats", STEP);
            assertTrue(stats.startsWith("stats commands=4 rejected=2 "), stats);
            ws.close();
        }
        List<String> lines = Files.readAllLines(record);
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).matches("\\d+,\\d+,\\d+,rt/left_arm_controller/commands,applied,7,0\\.1000.*"), lines.get(0));
        assertTrue(lines.get(1).contains(",rt/right_arm_controller/commands,rejected,5,1,2,3,4,5"), lines.get(1));
        assertTrue(lines.get(2).contains(",rt/right_arm_controller/commands,rejected,7,") && lines.get(2).contains("nan"), lines.get(2));
        assertTrue(lines.get(3).contains(",rt/right_arm_controller/commands,applied,7,-0.1000"), lines.get(3));
    }

    private static void awaitState(ReceiveWaitSet ws, MessageSubscription<JointStateMessage> js, JointStateMessage into,
                                   java.util.function.Predicate<JointStateMessage> wanted) {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (System.nanoTime() - deadline < 0) {
            ws.await(50_000_000L);
            while (js.takeInto(into) == MessageSubscription.Received.MESSAGE) {
                if (wanted.test(into)) {
                    return;
                }
            }
        }
        throw new AssertionError("no joint state matched within " + STEP.toSeconds() + " s; counters " + js.counters());
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
