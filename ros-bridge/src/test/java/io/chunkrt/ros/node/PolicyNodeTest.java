package io.chunkrt.ros.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.dds.CycloneConfig;
import io.chunkrt.ros.dds.CycloneTransport;
import io.chunkrt.ros.dds.DdsSettings;
import io.chunkrt.ros.msg.JointTrajectoryCodec;
import io.chunkrt.ros.msg.JointTrajectoryMessage;
import io.chunkrt.ros.params.NodeCommandLine;
import io.chunkrt.ros.peer.PeerProcess;
import io.chunkrt.ros.peer.TestPeers;
import io.chunkrt.ros.testing.TestDomains;
import io.chunkrt.ros.testing.Waits;
import io.chunkrt.ros.transport.MessageSubscription;
import io.chunkrt.ros.transport.NodeIdentity;
import io.chunkrt.ros.transport.QosProfile;
import io.chunkrt.ros.transport.RosSubscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node in-process against two C arm peers, each publishing its own joint-state topic (the node learns which
 * topic carries which joints from their first messages): the left arm behind a joint_trajectory_controller topic,
 * the right arm behind a forward controller. The flow_velocity policy (6 joints, no camera) drives both; a C
 * program reads the ROS graph as {@code ros2 node list} does and finds the node with its endpoints. Loopback only.
 */
class PolicyNodeTest {
    private static final Duration STEP = Duration.ofSeconds(30);

    @Test
    void drivesTwoArmsOnTwoJointStateTopicsThroughATrajectoryAndAForwardControllerAndShowsInTheGraph(@TempDir Path dir) throws IOException {
        int domain = TestDomains.next();
        Path params = dir.resolve("params.yaml");
        Files.writeString(params, """
                /**:
                  ros__parameters:
                    policy.card: %s
                    joint_states.topics: [/left/joint_states, /right/joint_states]
                    commands:
                      controllers: [left_controller, right_controller]
                      left_controller: {type: joint_trajectory, joints: [joint_1, joint_2, joint_3], points: 4}
                      right_controller: {type: forward, joints: [joint_4, joint_5, joint_6]}
                    enable.initial: true
                    safety:
                      max_step_from_measured: 10.0
                      soft_start_s: 0.2
                      defaults: {min_position: -50.0, max_position: 50.0, max_velocity: 500.0, max_acceleration: 100000.0}
                """.formatted(TestPeers.repo().resolve("models/flow_velocity/card.yaml")));
        Path leftRecord = dir.resolve("left.csv");
        Path rightRecord = dir.resolve("right.csv");
        Map<String, String> env = Map.of("ROS_DOMAIN_ID", Integer.toString(domain), "CYCLONEDDS_URI", CycloneConfig.loopbackOnly(null));
        PolicyNode node = new PolicyNode(NodeCommandLine.parse(List.of("--params", params.toString(), "--ros-args", "-r", "__node:=policy", "-r", "__ns:=/robot"),
                env), env);
        try (PeerProcess left = PeerProcess.start(domain, "arm_peer", "--joints", "3", "--names", "joint_1,joint_2,joint_3", "--state-topic", "rt/left/joint_states",
                "--trajectory", "rt/left_controller/joint_trajectory:0", "--record", leftRecord.toString());
             PeerProcess right = PeerProcess.start(domain, "arm_peer", "--joints", "3", "--names", "joint_4,joint_5,joint_6", "--state-topic",
                     "rt/right/joint_states", "--command", "rt/right_controller/commands:0", "--record", rightRecord.toString());
             CycloneTransport observer = CycloneTransport.open(DdsSettings.loopbackOnly(domain, RosDistro.JAZZY), new NodeIdentity("observer", "/"))) {
            left.expect("ready", STEP);
            right.expect("ready", STEP);
            RosSubscription sub = observer.createSubscription("/left_controller/joint_trajectory", JointTrajectoryCodec.TYPE, QosProfile.DEFAULT.withDepth(1000), 1 << 16);
            MessageSubscription<JointTrajectoryMessage> trajectories = new MessageSubscription<>(sub, JointTrajectoryCodec.INSTANCE);
            assertTrue(node.start());
            try (PeerProcess graph = PeerProcess.start(domain, "graph_peer_jazzy", "policy")) {
                Map<String, String> f = graph.readFields(STEP);
                assertEquals("/robot", f.get("node.namespace"));
                assertEquals("policy", f.get("node.name"));
                List<String> readers = topics(f, "reader");
                List<String> writers = topics(f, "writer");
                assertEquals(List.of("rt/left/joint_states", "rt/right/joint_states", "rt/robot/policy/enable", "rt/robot/policy/estop"), readers);
                assertEquals(List.of("rt/left_controller/joint_trajectory", "rt/right_controller/commands", "rt/diagnostics"), writers);
            }
            Waits.until("the node's trajectories to reach the observer", STEP, () -> sub.matchedPublishers() > 0);
            long until = System.nanoTime() + 3_000_000_000L;
            List<JointTrajectoryMessage> seen = new ArrayList<>();
            while (System.nanoTime() - until < 0) {
                JointTrajectoryMessage m = new JointTrajectoryMessage(8, 8);
                if (trajectories.takeInto(m) == MessageSubscription.Received.MESSAGE) {
                    seen.add(m);
                } else {
                    sleep(5);
                }
            }
            node.close();
            left.send("quit");
            right.send("quit");
            String leftStats = left.expect("stats", STEP);
            String rightStats = right.expect("stats", STEP);
            assertTrue(leftStats.contains(" rejected=0 "), leftStats);
            assertTrue(rightStats.contains(" rejected=0 "), rightStats);

            assertTrue(seen.size() >= 100, seen.size() + " trajectories in 3 s at 50 Hz");
            int multi = 0;
            for (JointTrajectoryMessage m : seen) {
                assertTrue(m.header.stamp.isZero());
                assertEquals(3, m.jointCount());
                assertEquals("joint_1", m.jointName(0).toString());
                assertEquals(20_000_000L, m.point(0).timeFromStart.toNanos(), "point 0: the command, one control period ahead");
                for (int k = 1; k < m.pointCount(); k++) {
                    assertTrue(m.point(k).timeFromStart.toNanos() > m.point(k - 1).timeFromStart.toNanos());
                }
                multi += m.pointCount() > 1 ? 1 : 0;
            }
            assertTrue(multi > seen.size() / 2, multi + " of " + seen.size() + " trajectories carry planned actions after the command");
        } finally {
            node.close();
        }
        List<String> leftLines = Files.readAllLines(leftRecord);
        List<String> rightLines = Files.readAllLines(rightRecord);
        assertTrue(leftLines.size() >= 150 && rightLines.size() >= 150, leftLines.size() + " and " + rightLines.size() + " commands applied");
        assertTrue(leftLines.stream().allMatch(l -> l.contains(",applied,3,")));
        assertTrue(rightLines.stream().allMatch(l -> l.contains(",applied,3,")));
    }

    private static List<String> topics(Map<String, String> f, String kind) {
        List<String> out = new ArrayList<>();
        int n = Integer.parseInt(f.get("node." + kind + "s"));
        for (int i = 0; i < n; i++) {
            out.add(f.get("node." + kind + "[" + i + "].topic"));
        }
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
