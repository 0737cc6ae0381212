package io.chunkrt.ros.params;

import io.chunkrt.ros.msg.Float64MultiArrayCodec;
import io.chunkrt.ros.msg.JointTrajectoryCodec;
import io.chunkrt.ros.msg.RosMessageType;
import java.util.List;

/** Where one controller's commands go. */
public sealed interface CommandOutput permits CommandOutput.ForwardCommand, CommandOutput.JointTrajectory {
    String controller();

    /** The ROS topic (as configured; the transport resolves it). */
    String topic();

    /** The controller's {@code joints} parameter, in order. */
    List<String> joints();

    RosMessageType type();

    /**
     * For each of this controller's joints, its column in an action vector ordered as {@code actionJoints}
     * (a card's output joints), for {@code Float64MultiArrayMessage.setSelected} and
     * {@code JointTrajectoryMessage.setPositionPoints}.
     */
    default int[] columnsIn(List<String> actionJoints) {
        int[] columns = new int[joints().size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = actionJoints.indexOf(joints().get(i));
            if (columns[i] < 0) {
                throw new ParameterException("controller " + controller() + " commands joint '" + joints().get(i) + "' but the actions are " + actionJoints
                        + "; make commands." + controller() + ".joints a subset of the card's output joints");
            }
        }
        return columns;
    }

    /**
     * forward_command_controller / JointGroupPositionController: std_msgs/Float64MultiArray on
     * {@code /<controller>/commands}, data in the controller's joint order; a wrong size or a NaN is rejected.
     */
    record ForwardCommand(String controller, String topic, List<String> joints) implements CommandOutput {
        public ForwardCommand {
            joints = List.copyOf(joints);
        }

        @Override
        public RosMessageType type() {
            return Float64MultiArrayCodec.TYPE;
        }
    }

    /**
     * joint_trajectory_controller: trajectory_msgs/JointTrajectory on {@code /<controller>/joint_trajectory}
     * carrying the rest of the current chunk as up to {@code points} timed points (stamp 0 = start now). Each
     * message replaces the controller's active trajectory.
     */
    record JointTrajectory(String controller, String topic, List<String> joints, int points) implements CommandOutput {
        public JointTrajectory {
            joints = List.copyOf(joints);
            if (points < 1) {
                throw new IllegalArgumentException("a trajectory needs at least one point, not " + points);
            }
        }

        @Override
        public RosMessageType type() {
            return JointTrajectoryCodec.TYPE;
        }
    }
}
