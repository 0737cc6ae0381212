package io.chunkrt.ros.params;

import io.chunkrt.card.InputSpec;
import io.chunkrt.card.InputType;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.transport.QosProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the ChunkRT node takes from its ROS parameters. Sections validate themselves; this record checks
 * the cross-field rules once (controllers never share a joint, camera names are unique).
 *
 * @param policyCard      the policy card file
 * @param distro          humble or jazzy, for the graph message layout and type hashes
 * @param jointStateTopics sensor_msgs/JointState topics merged into the robot state
 * @param staleAfterNs    joint states older than this hold the arm
 * @param cameras         the cameras, in parameter order
 * @param commands        the controllers, in parameter order
 * @param controlHz       the control rate, or NaN to use the card's
 * @param diagnosticsHz   /diagnostics publication rate
 * @param enabledAtStart  whether commands flow before the first {@code ~/enable true}
 * @param useSimTime      the standard ROS parameter: header stamps are then simulation time, which the node (running on
 *                        the wall clock) does not follow, so it aligns samples by their receive times instead
 * @param qosOverrides    ROS 2 qos_overrides parameters
 * @param safety          joint limits and the safety layer's settings
 * @param record          the flight recording, or null when the node does not record
 */
public record NodeParameters(Path policyCard, RosDistro distro, List<String> jointStateTopics, long staleAfterNs,
                             List<CameraInput> cameras, List<CommandOutput> commands, double controlHz, double diagnosticsHz,
                             boolean enabledAtStart, boolean useSimTime, List<QosOverride> qosOverrides, SafetyLimits safety,
                             RecordOutput record) {
    public NodeParameters {
        jointStateTopics = List.copyOf(jointStateTopics);
        cameras = List.copyOf(cameras);
        commands = List.copyOf(commands);
        qosOverrides = List.copyOf(qosOverrides);
        Set<String> joints = checkCommands(commands);
        for (String j : joints) {
            if (safety.of(j) == null) {
                throw new ParameterException("commanded joint '" + j + "' has no limits; set safety.joints." + j
                        + ".{min_position,max_position,max_velocity,max_acceleration} (or safety.defaults.*)");
            }
        }
    }

    /** Controllers never share a joint or a topic; returns every commanded joint. */
    static Set<String> checkCommands(List<CommandOutput> commands) {
        if (commands.isEmpty()) {
            throw new ParameterException("parameter 'commands.controllers' is empty; name at least one controller, e.g. [forward_position_controller]");
        }
        Set<String> joints = new LinkedHashSet<>();
        for (CommandOutput c : commands) {
            for (String j : c.joints()) {
                if (!joints.add(j)) {
                    throw new ParameterException("joint '" + j + "' is listed by two controllers (again in 'commands." + c.controller()
                            + ".joints'); each joint is commanded by exactly one controller");
                }
            }
        }
        Set<String> topics = new HashSet<>();
        for (CommandOutput c : commands) {
            if (!topics.add(c.topic())) {
                throw new ParameterException("controllers share the command topic '" + c.topic() + "' (again for 'commands." + c.controller() + "'); give each its own topic");
            }
        }
        return joints;
    }

    /** Every commanded joint, controller after controller. */
    public List<String> commandedJoints() {
        List<String> all = new ArrayList<>();
        for (CommandOutput c : commands) {
            all.addAll(c.joints());
        }
        return all;
    }

    /** The QoS for an endpoint on {@code resolvedTopic}: {@code base} with any matching override applied. */
    public QosProfile qos(String resolvedTopic, QosOverride.Endpoint endpoint, QosProfile base) {
        QosProfile q = base;
        for (QosOverride o : qosOverrides) {
            if (o.topic().equals(resolvedTopic) && o.endpoint() == endpoint) {
                q = o.applyTo(q);
            }
        }
        return q;
    }

    /**
     * Checks that these parameters can serve {@code card}: its action joints are exactly the commanded joints and
     * every camera its image inputs name is configured.
     *
     * @return notes about configured cameras the card does not use (they would only cost bandwidth)
     */
    public List<String> requireFits(PolicyCard card) {
        String cardName = card.source() == null ? card.name() : card.source().getFileName().toString();
        List<String> actions = card.output().joints();
        Set<String> commanded = new LinkedHashSet<>(commandedJoints());
        for (String j : actions) {
            if (!commanded.contains(j)) {
                throw new ParameterException("card " + cardName + " outputs joint '" + j + "' but no controller commands it; add it to the joints of one of commands.controllers "
                        + commands.stream().map(CommandOutput::controller).toList());
            }
        }
        for (String j : commanded) {
            if (!actions.contains(j)) {
                throw new ParameterException("joint '" + j + "' is commanded (commands.*.joints) but card " + cardName + " has no action for it; its actions are " + actions);
            }
        }
        Set<String> configured = new LinkedHashSet<>();
        cameras.forEach(c -> configured.add(c.name()));
        Set<String> used = new LinkedHashSet<>();
        for (InputSpec in : card.inputs()) {
            if (in.type() == InputType.IMAGE) {
                used.add(in.camera());
                if (!configured.contains(in.camera())) {
                    throw new ParameterException("card " + cardName + " reads camera '" + in.camera() + "' (input " + in.name()
                            + ") but cameras.names is " + configured + "; add it with its topic under cameras." + in.camera() + ".topic");
                }
            }
        }
        List<String> notes = new ArrayList<>();
        for (String c : configured) {
            if (!used.contains(c)) {
                notes.add("camera '" + c + "' is configured but card " + cardName + " does not read it; the node does not subscribe to it");
            }
        }
        return notes;
    }
}
