package io.chunkrt.ros.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chunkrt.ros.params.ParameterException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which joint-state topic feeds which joints, from each topic's first message. */
class JointStateLayoutTest {
    private static final List<String> LEFT = List.of("left_waist", "left_elbow", "left_gripper");
    private static final List<String> RIGHT = List.of("right_waist", "right_elbow", "right_gripper");

    @Test
    void oneTopicProvidesEveryJointItNamesAndIgnoresTheRest() {
        JointStateLayout l = JointStateLayout.assign(List.of("/joint_states"), List.of(List.of("base_yaw", "left_gripper", "left_waist", "left_elbow")),
                LEFT, LEFT);
        assertEquals(List.of(new JointStateLayout.TopicJoints("/joint_states", LEFT, LEFT)), l.topics());
    }

    @Test
    void twoArmsOnTwoTopicsEachProvideTheirOwnJoints() {
        List<String> both = new java.util.ArrayList<>(LEFT);
        both.addAll(RIGHT);
        JointStateLayout l = JointStateLayout.assign(List.of("/left/joint_states", "/right/joint_states"), List.of(LEFT, RIGHT.reversed()),
                both, both);
        assertEquals(LEFT, l.topics().get(0).stateJoints());
        assertEquals(LEFT, l.topics().get(0).measuredJoints());
        assertEquals(RIGHT, l.topics().get(1).stateJoints(), "in card order, whatever the message order");
    }

    @Test
    void aJointOnTwoTopicsGoesToTheFirstAndStateOnlyJointsNeedNoController() {
        JointStateLayout l = JointStateLayout.assign(List.of("/a", "/b"), List.of(List.of("j1", "j2"), List.of("j2", "j3")), List.of("j1", "j2", "j3"),
                List.of("j1", "j2"));
        assertEquals(List.of("j1", "j2"), l.topics().get(0).stateJoints());
        assertEquals(List.of("j3"), l.topics().get(1).stateJoints());
        assertEquals(List.of(), l.topics().get(1).measuredJoints());
    }

    @Test
    void aJointNoTopicPublishesIsAStartUpErrorNamingWhatEachTopicPublishes() {
        ParameterException e = assertThrows(ParameterException.class, () -> JointStateLayout.assign(List.of("/joint_states"),
                List.of(List.of("left_waist", "left_elbow")), LEFT, LEFT));
        assertEquals("no joint_states topic publishes joint(s) [left_gripper] that the card reads or the controllers command; the topics publish "
                + "/joint_states [left_waist, left_elbow]; add the topic that carries them to joint_states.topics or fix the joint names", e.getMessage());
    }

    @Test
    void aTopicThatProvidesNothingIsRefused() {
        ParameterException e = assertThrows(ParameterException.class, () -> JointStateLayout.assign(List.of("/joint_states", "/gripper_states"),
                List.of(LEFT, List.of("finger")), LEFT, LEFT));
        assertEquals("joint_states topic /gripper_states publishes [finger], none of which the card reads or the controllers command [left_waist, left_elbow, "
                + "left_gripper] (or an earlier topic already provides them); remove it from joint_states.topics or fix the joint names", e.getMessage());
    }
}
