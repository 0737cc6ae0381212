package io.chunkrt.ros.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.msg.Float64MultiArrayCodec;
import io.chunkrt.ros.msg.Float64MultiArrayMessage;
import io.chunkrt.ros.peer.PeerProcess;
import io.chunkrt.ros.peer.ProcessSockets;
import io.chunkrt.ros.testing.TestDomains;
import io.chunkrt.ros.testing.Waits;
import io.chunkrt.ros.transport.NodeIdentity;
import io.chunkrt.ros.transport.QosProfile;
import io.chunkrt.ros.transport.RosPublisher;
import java.time.Duration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration every test and benchmark participant uses keeps DDS on the loopback interface: Cyclone's
 * own configuration trace shows lo as the only selected interface, 127.0.0.1 as its address, multicast off and
 * 127.0.0.1 as the only peer; and the peer programs of both vendors send only from sockets bound to 127.0.0.1
 * (Cyclone also listens on its unicast ports on all addresses, but never sends from them).
 */
class LoopbackConfinementTest {
    @Test
    void cycloneAndFastDdsPeersSendOnlyFromSocketsBoundTo127001() throws IOException {
        int domain = TestDomains.next();
        int base = 7400 + 250 * domain; // RTPS port mapping: unicast discovery/user ports are base + 10 + 2i (+1)
        try (CycloneTransport node = CycloneTransport.open(DdsSettings.loopbackOnly(domain, RosDistro.JAZZY), new NodeIdentity("probe", "/"));
             RosPublisher pub = node.createPublisher("/probe", Float64MultiArrayCodec.TYPE, QosProfile.COMMANDS);
             PeerProcess cyclone = PeerProcess.start(domain, "cyclone_peer", "recv-float64-multi-array", "rt/probe");
             PeerProcess fast = PeerProcess.start(domain, "fastdds_peer", "recv-float64-multi-array", "rt/probe")) {
            cyclone.expect("matched", Duration.ofSeconds(30));
            fast.expect("matched", Duration.ofSeconds(30));
            List<ProcessSockets.Bound> c = ProcessSockets.udp(cyclone.pid());
            List<ProcessSockets.Bound> f = ProcessSockets.udp(fast.pid());
            assertTrue(!c.isEmpty() && !f.isEmpty(), "sockets found: " + c + " " + f);
            for (ProcessSockets.Bound b : f) {
                assertEquals("127.0.0.1", b.address(), "Fast DDS socket " + b);
            }
            for (ProcessSockets.Bound b : c) {
                boolean unicastReceive = b.address().equals("0.0.0.0") && b.port() >= base + 10 && b.port() < base + 250;
                assertTrue(b.address().equals("127.0.0.1") || unicastReceive, "Cyclone socket " + b + " (domain base port " + base + ")");
            }
            assertTrue(c.stream().anyMatch(b -> b.address().equals("127.0.0.1")), "Cyclone transmits from 127.0.0.1: " + c);
            Waits.until("both peers matched", Duration.ofSeconds(30), () -> pub.matchedSubscriptions() >= 2);
            byte[] cdr = Float64MultiArrayCodec.INSTANCE.encodeToArray(new Float64MultiArrayMessage(1, 0));
            pub.publish(cdr, 0, cdr.length);
            assertEquals("0", cyclone.readFields(Duration.ofSeconds(30)).get("data_count"));
            assertEquals("0", fast.readFields(Duration.ofSeconds(30)).get("data_count"));
        }
    }

    @Test
    void cycloneSelectsOnlyTheLoopbackInterfaceWithoutMulticastAndPeersOnlyWith127001(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("cyclone-trace.log");
        int domain = TestDomains.next();
        DdsSettings settings = new DdsSettings(domain, CycloneConfig.loopbackOnly(trace.toString()), RosDistro.JAZZY, "/");
        try (CycloneTransport node = CycloneTransport.open(settings, new NodeIdentity("confined", "/"))) {
            assertTrue(node.participantGid() != null);
        }
        List<String> lines = Files.readAllLines(trace);
        List<String> selected = lines.stream().filter(l -> l.contains("selected interfaces:")).toList();
        assertEquals(1, selected.size(), String.join("\n", lines));
        assertTrue(selected.get(0).matches(".*selected interfaces: lo \\(index \\d+ priority \\d+\\)\\s*$"), selected.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches(".*ownip: udp/127\\.0\\.0\\.1\\s*$")), "own address is 127.0.0.1");
        assertTrue(lines.stream().anyMatch(l -> l.contains("Domain/General/AllowMulticast/#text: false")), "multicast disabled");
        List<String> peers = lines.stream().filter(l -> l.contains("Domain/Discovery/Peers/Peer[@Address]:")).toList();
        assertEquals(1, peers.size());
        assertTrue(peers.get(0).contains(": 127.0.0.1 "), peers.get(0));
        List<String> added = lines.stream().filter(l -> l.contains("add_peer_addresses:")).toList();
        // "add_peer_addresses: add udp/127.0.0.1:7410, :7412, ..." lists one address followed by more ports of it
        assertTrue(!added.isEmpty() && added.stream().allMatch(l -> l.matches(".*add_peer_addresses: add udp/127\\.0\\.0\\.1:\\d+(, :\\d+)*\\s*$")),
                "only 127.0.0.1 peer addresses: " + added);
    }
}
