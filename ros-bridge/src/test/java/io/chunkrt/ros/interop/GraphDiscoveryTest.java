package io.chunkrt.ros.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.dds.CycloneTransport;
import io.chunkrt.ros.dds.DdsSettings;
import io.chunkrt.ros.msg.BoolCodec;
import io.chunkrt.ros.msg.DiagnosticArrayCodec;
import io.chunkrt.ros.msg.Float64MultiArrayCodec;
import io.chunkrt.ros.msg.Gid;
import io.chunkrt.ros.msg.ImageCodec;
import io.chunkrt.ros.msg.JointStateCodec;
import io.chunkrt.ros.msg.RosMessageType;
import io.chunkrt.ros.peer.PeerProcess;
import io.chunkrt.ros.testing.TestDomains;
import io.chunkrt.ros.transport.NodeIdentity;
import io.chunkrt.ros.transport.QosProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@code ros2 node list} relies on: a C program reading ros_discovery_info in the distro's Gid layout,
 * plus the DDS built-in topics, finds the node's name and namespace and resolves every reader and writer gid
 * to the endpoint DDS announces, with the right topic, type and (on Jazzy) type hash.
 */
class GraphDiscoveryTest {
    private static final Duration STEP = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(RosDistro.class)
    void aCPeerDecodesTheNodesParticipantEntitiesInfoAndFindsNameNamespaceAndGids(RosDistro distro) {
        int domain = TestDomains.next();
        String nodeName = "chunkrt_graph_" + distro.rosName();
        try (CycloneTransport node = CycloneTransport.open(DdsSettings.loopbackOnly(domain, distro), new NodeIdentity(nodeName, "/arm_left"))) {
            node.createSubscription("/joint_states", JointStateCodec.TYPE, QosProfile.SENSOR_DATA, 4096);
            node.createSubscription("camera/image_raw", ImageCodec.TYPE, QosProfile.SENSOR_DATA, 1 << 20);
            node.createSubscription("~/enable", BoolCodec.TYPE, QosProfile.DEFAULT, 64);
            node.createPublisher("/forward_position_controller/commands", Float64MultiArrayCodec.TYPE, QosProfile.COMMANDS);
            node.createPublisher("/diagnostics", DiagnosticArrayCodec.TYPE, QosProfile.DEFAULT);
            try (PeerProcess peer = PeerProcess.start(domain, "graph_peer_" + distro.rosName(), nodeName)) {
                Map<String, String> f = peer.readFields(STEP);
                assertEquals(0, peer.finish(STEP), peer.stderr());
                assertEquals(Integer.toString(distro.gidBytes()), f.get("gid_bytes"));
                assertEquals(node.participantGid().hex(), f.get("participant.gid"));
                assertEquals("0".repeat(2 * (distro.gidBytes() - 16)), f.get("participant.gid_padding"));
                assertEquals("enclave=/;", f.get("participant.user_data"));
                assertEquals("1", f.get("nodes"));
                assertEquals("/arm_left", f.get("node.namespace"));
                assertEquals(nodeName, f.get("node.name"));
                check(f, "reader", distro, node.readerGids(), List.of(
                        new Endpoint("rt/joint_states", JointStateCodec.TYPE),
                        new Endpoint("rt/arm_left/camera/image_raw", ImageCodec.TYPE),
                        new Endpoint("rt/arm_left/" + nodeName + "/enable", BoolCodec.TYPE)));
                check(f, "writer", distro, node.writerGids(), List.of(
                        new Endpoint("rt/forward_position_controller/commands", Float64MultiArrayCodec.TYPE),
                        new Endpoint("rt/diagnostics", DiagnosticArrayCodec.TYPE)));
            }
        }
    }

    private record Endpoint(String ddsTopic, RosMessageType type) {}

    private static void check(Map<String, String> f, String kind, RosDistro distro, List<Gid> gids, List<Endpoint> expected) {
        assertEquals(Integer.toString(expected.size()), f.get("node." + kind + "s"), kind + " count");
        for (int i = 0; i < expected.size(); i++) {
            String pre = "node." + kind + "[" + i + "].";
            Endpoint e = expected.get(i);
            assertEquals(gids.get(i).hex(), f.get(pre + "gid"), pre + "gid");
            assertEquals("0".repeat(2 * (distro.gidBytes() - 16)), f.get(pre + "gid_padding"));
            assertEquals(e.ddsTopic(), f.get(pre + "topic"));
            assertEquals(e.type().ddsTypeName(), f.get(pre + "type"));
            assertEquals(distro == RosDistro.JAZZY ? e.type().typeHashUserData() : "", f.get(pre + "user_data"));
        }
    }
}
