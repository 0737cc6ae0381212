package io.chunkrt.ros.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RosNamesTest {
    private final NodeIdentity node = new NodeIdentity("chunkrt", "/arm");

    @Test
    void relativePrivateAndAbsoluteNamesExpandAsRclExpandsThem() {
        assertEquals("/arm/joint_states", RosNames.expand("joint_states", node));
        assertEquals("/joint_states", RosNames.expand("/joint_states", node));
        assertEquals("/arm/chunkrt/enable", RosNames.expand("~/enable", node));
        assertEquals("/chunkrt/estop", RosNames.expand("~/estop", new NodeIdentity("chunkrt", "")));
    }

    @Test
    void remapsApplyToTheGivenOrTheExpandedName() {
        List<RosNames.Remap> remaps = List.of(new RosNames.Remap("image", "/cam_high/image_raw"), new RosNames.Remap("/arm/chunkrt/enable", "/enable_all"));
        assertEquals("/cam_high/image_raw", RosNames.resolve("image", node, remaps));
        assertEquals("/enable_all", RosNames.resolve("~/enable", node, remaps));
        assertEquals("/arm/other", RosNames.resolve("other", node, remaps));
    }

    @Test
    void ddsTopicNamesCarryTheRtPrefix() {
        assertEquals("rt/forward_position_controller/commands", RosNames.ddsTopicName("/forward_position_controller/commands"));
    }

    @Test
    void invalidNamesAreRefusedWithTheRule() {
        assertEquals("topic name 'a//b' is invalid: no empty tokens or trailing '/' allowed",
                assertThrows(IllegalArgumentException.class, () -> RosNames.expand("a//b", node)).getMessage());
        assertEquals("topic name '/2d/points' is invalid at '2d'; use /-separated tokens of letters, digits and underscores, not starting with a digit",
                assertThrows(IllegalArgumentException.class, () -> RosNames.expand("/2d/points", node)).getMessage());
        assertEquals("namespace '/a b' is invalid at 'a b'; use /-separated tokens of letters, digits and underscores, not starting with a digit",
                assertThrows(IllegalArgumentException.class, () -> new NodeIdentity("n", "/a b")).getMessage());
        assertEquals("/arm", new NodeIdentity("n", "arm/").namespace());
    }
}
