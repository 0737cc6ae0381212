package io.chunkrt.ros.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.ros.RosDistro;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Cyclone configuration built from the ROS environment the way rmw_cyclonedds builds it. */
class CycloneConfigTest {
    @Test
    void humbleLocalhostOnlySelectsTheLoopbackAddressAndAppendsCycloneddsUri() {
        String xml = CycloneConfig.fromEnvironment(Map.of("ROS_LOCALHOST_ONLY", "1", "CYCLONEDDS_URI", "file:///etc/cdds.xml"), RosDistro.HUMBLE);
        assertEquals("<CycloneDDS><Domain><General><Interfaces><NetworkInterface address=\"127.0.0.1\"/></Interfaces></General></Domain></CycloneDDS>,file:///etc/cdds.xml", xml);
    }

    @Test
    void humbleWithoutLocalhostOnlyUsesCycloneddsUriAlone() {
        assertEquals("", CycloneConfig.fromEnvironment(Map.of(), RosDistro.HUMBLE));
        assertEquals("<x/>", CycloneConfig.fromEnvironment(Map.of("CYCLONEDDS_URI", "<x/>"), RosDistro.HUMBLE));
    }

    @Test
    void jazzyLocalhostRangeDisablesMulticastAndPeersWithLocalhost() {
        String xml = CycloneConfig.fromEnvironment(Map.of("ROS_AUTOMATIC_DISCOVERY_RANGE", "LOCALHOST"), RosDistro.JAZZY);
        assertTrue(xml.contains("<AllowMulticast>false</AllowMulticast>"), xml);
        assertTrue(xml.contains("<ParticipantIndex>auto</ParticipantIndex><MaxAutoParticipantIndex>32</MaxAutoParticipantIndex>"), xml);
        assertTrue(xml.contains("<Peers><Peer address=\"localhost\"/></Peers>"), xml);
    }

    @Test
    void jazzyDeprecatedLocalhostOnlyForcesTheLocalhostRange() {
        assertEquals(CycloneConfig.fromEnvironment(Map.of("ROS_AUTOMATIC_DISCOVERY_RANGE", "LOCALHOST"), RosDistro.JAZZY),
                CycloneConfig.fromEnvironment(Map.of("ROS_LOCALHOST_ONLY", "1", "ROS_AUTOMATIC_DISCOVERY_RANGE", "SUBNET"), RosDistro.JAZZY));
    }

    @Test
    void jazzyOffRangeUsesNoParticipantIndexAndAPrivateTag() {
        String xml = CycloneConfig.fromEnvironment(Map.of("ROS_AUTOMATIC_DISCOVERY_RANGE", "off"), RosDistro.JAZZY);
        assertTrue(xml.contains("<ParticipantIndex>none</ParticipantIndex>"), xml);
        assertTrue(xml.contains("<Tag>ros_discovery_off_" + ProcessHandle.current().pid() + "</Tag>"), xml);
    }

    @Test
    void jazzyStaticPeersBecomeUnicastPeersAndTheUriComesLast() {
        String xml = CycloneConfig.fromEnvironment(Map.of("ROS_STATIC_PEERS", "192.168.1.7; robot.local", "CYCLONEDDS_URI", "<mine/>"), RosDistro.JAZZY);
        assertTrue(xml.contains("<Peer address=\"192.168.1.7\"/><Peer address=\"robot.local\"/>"), xml);
        assertTrue(xml.endsWith(",<mine/>"), xml);
    }

    @Test
    void anUnknownDiscoveryRangeIsRefusedWithTheValidValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CycloneConfig.fromEnvironment(Map.of("ROS_AUTOMATIC_DISCOVERY_RANGE", "WIDE"), RosDistro.JAZZY));
        assertEquals("ROS_AUTOMATIC_DISCOVERY_RANGE is 'WIDE'; use SUBNET, LOCALHOST, OFF or SYSTEM_DEFAULT", e.getMessage());
    }

    @Test
    void domainIdComesFromRosDomainIdAndIsChecked() {
        assertEquals(42, DdsSettings.fromEnvironment(Map.of("ROS_DOMAIN_ID", "42"), RosDistro.JAZZY).domainId());
        assertEquals(0, DdsSettings.fromEnvironment(Map.of(), RosDistro.JAZZY).domainId());
        assertEquals("ROS_DOMAIN_ID is 'x', not a number; set it to 0..232 or unset it",
                assertThrows(IllegalArgumentException.class, () -> DdsSettings.fromEnvironment(Map.of("ROS_DOMAIN_ID", "x"), RosDistro.JAZZY)).getMessage());
        assertEquals("ROS domain id 300 is outside 0..232; set ROS_DOMAIN_ID to a value in range",
                assertThrows(IllegalArgumentException.class, () -> DdsSettings.fromEnvironment(Map.of("ROS_DOMAIN_ID", "300"), RosDistro.JAZZY)).getMessage());
    }
}
