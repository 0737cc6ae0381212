package io.chunkrt.ros.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.testing.TestDomains;
import io.chunkrt.ros.transport.NodeIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration every test and benchmark participant uses keeps DDS on the loopback interface: Cyclone's
 * own configuration trace shows lo as the only selected interface, 127.0.0.1 as its address, multicast off and
 * 127.0.0.1 as the only peer.
 */
class LoopbackConfinementTest {
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
