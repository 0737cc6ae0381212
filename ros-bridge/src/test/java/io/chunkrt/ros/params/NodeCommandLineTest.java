package io.chunkrt.ros.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.card.CardLoader;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.msg.PixelEncoding;
import io.chunkrt.ros.peer.TestPeers;
import io.chunkrt.ros.transport.QosProfile;
import io.chunkrt.ros.transport.RosNames;
import io.chunkrt.safety.JointLimits;
import io.chunkrt.safety.SafetyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chunkrt run} arguments as ros2 launch passes them, and the typed parameters they become. */
class NodeCommandLineTest {
    private static final Path REPO = TestPeers.repo();
    private static final Path ARM6 = REPO.resolve("launch/params/arm6_forward.yaml");
    private static final Path ALOHA = REPO.resolve("launch/params/aloha_bimanual.yaml");

    @TempDir
    Path dir;

    private static NodeLaunch parse(String... args) {
        return NodeCommandLine.parse(List.of(args), Map.of());
    }

    private Path file(String yaml) throws IOException {
        Path f = Files.createTempFile(dir, "params", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private static String error(String... args) {
        return assertThrows(ParameterException.class, () -> parse(args)).getMessage();
    }

    @Test
    void theSixDofArmExampleLoadsAndFitsItsCard() {
        NodeLaunch launch = parse("--params", ARM6.toString());
        NodeParameters p = launch.parameters();
        assertEquals("/chunkrt", launch.node().fullyQualifiedName());
        assertEquals(REPO.resolve("models/unet_denoiser/card.yaml"), p.policyCard());
        assertEquals(RosDistro.JAZZY, p.distro());
        assertEquals(List.of("/joint_states"), p.jointStateTopics());
        assertEquals(100_000_000L, p.staleAfterNs());
        assertEquals(List.of(), p.cameras());
        CommandOutput.ForwardCommand fwd = (CommandOutput.ForwardCommand) p.commands().getFirst();
        assertEquals("/forward_position_controller/commands", fwd.topic());
        assertEquals(List.of("joint_1", "joint_2", "joint_3", "joint_4", "joint_5", "joint_6"), fwd.joints());
        assertTrue(Double.isNaN(p.controlHz()), "control rate comes from the card");
        assertEquals(1.0, p.diagnosticsHz());
        assertEquals(false, p.enabledAtStart());
        assertEquals(new QosProfile(QosProfile.Reliability.BEST_EFFORT, QosProfile.Durability.VOLATILE, QosProfile.History.KEEP_LAST, 5),
                p.qos("/joint_states", QosOverride.Endpoint.SUBSCRIPTION, QosProfile.DEFAULT));
        assertEquals(QosProfile.DEFAULT, p.qos("/joint_states", QosOverride.Endpoint.PUBLISHER, QosProfile.DEFAULT));
        PolicyCard card = CardLoader.load(p.policyCard());
        assertEquals(List.of(), p.requireFits(card));
    }

    @Test
    void theAlohaExampleLoadsTwoControllersAndThreeCamerasAndFitsTheActCard() {
        NodeParameters p = parse("--params", ALOHA.toString()).parameters();
        assertEquals(2, p.commands().size());
        assertEquals(14, p.commandedJoints().size());
        assertEquals("/right_arm_controller/commands", p.commands().get(1).topic());
        assertEquals(List.of("top", "wrist", "right_wrist"), p.cameras().stream().map(CameraInput::name).toList());
        CameraInput top = p.cameras().getFirst();
        assertEquals("/cam_high/camera/color/image_rect_raw", top.topic());
        assertEquals(PixelEncoding.RGB8, top.encoding());
        assertEquals(640 * 480 * 3, top.maxPixelBytes());
        assertEquals(50.0, p.controlHz());
        assertEquals(1, p.qos("/cam_high/camera/color/image_rect_raw", QosOverride.Endpoint.SUBSCRIPTION, QosProfile.SENSOR_DATA).depth());
        PolicyCard card = CardLoader.load(p.policyCard());
        assertEquals(List.of("camera 'right_wrist' is configured but card card.yaml does not read it; the node does not subscribe to it"), p.requireFits(card));
    }

    @Test
    void argumentsAppendedByLaunchRosNodeSetNameNamespaceParametersAndRemaps() throws IOException {
        Path launchParams = file("""
                /**:
                  ros__parameters:
                    ros.distro: humble
                    policy.card: %s
                """.formatted(REPO.resolve("models/flow_velocity/card.yaml")));
        NodeLaunch launch = parse("--params", ARM6.toString(),
                "--ros-args", "-r", "__node:=policy", "-r", "__ns:=/robot", "--params-file", launchParams.toString(),
                "-p", "rates.control_hz:=30", "-r", "/joint_states:=/robot/joint_states", "-r", "other_node:__node:=ignored",
                "--log-level", "info", "--enable-stdout-logs", "--", "--ros-args", "-e", "/secure");
        assertEquals("/robot/policy", launch.node().fullyQualifiedName());
        assertEquals("/secure", launch.enclave());
        assertEquals(List.of(new RosNames.Remap("/joint_states", "/robot/joint_states")), launch.remaps());
        assertEquals(RosDistro.HUMBLE, launch.parameters().distro());
        assertEquals(REPO.resolve("models/flow_velocity/card.yaml"), launch.parameters().policyCard());
        assertEquals(30.0, launch.parameters().controlHz());
    }

    @Test
    void parameterFileSectionsApplyOnlyToMatchingNodes() throws IOException {
        Path f = file("""
                other_node:
                  ros__parameters:
                    rates.control_hz: 7.0
                /robot/chunkrt:
                  ros__parameters:
                    rates.diagnostics_hz: 2.0
                /**/chunkrt:
                  ros__parameters:
                    enable.initial: true
                """);
        NodeParameters p = parse("--params", ARM6.toString(), "--ros-args", "-r", "__ns:=/robot", "--params-file", f.toString()).parameters();
        assertTrue(Double.isNaN(p.controlHz()));
        assertEquals(2.0, p.diagnosticsHz());
        assertTrue(p.enabledAtStart());
        assertTrue(ParameterFiles.matches("/**", "/a/b/chunkrt"));
        assertTrue(ParameterFiles.matches("/a/*/chunkrt", "/a/b/chunkrt"));
        assertTrue(ParameterFiles.matches("chunk*", "/chunkrt"));
        assertTrue(!ParameterFiles.matches("chunkrt", "/a/chunkrt"), "a bare name means the root namespace, as in rcl");
        assertTrue(!ParameterFiles.matches("/a/*/chunkrt", "/a/chunkrt"));
    }

    @Test
    void jointTrajectoryControllersTakeTheirTopicAndPointCount() throws IOException {
        Path f = file("""
                /**:
                  ros__parameters:
                    policy.card: %s
                    commands:
                      controllers: [arm_controller]
                      arm_controller:
                        type: joint_trajectory
                        joints: [joint_1, joint_2, joint_3, joint_4, joint_5, joint_6]
                        points: 25
                    safety.defaults: {min_position: -3.0, max_position: 3.0, max_velocity: 1.0, max_acceleration: 5.0}
                """.formatted(REPO.resolve("models/unet_denoiser/card.yaml")));
        NodeParameters p = parse("--ros-args", "--params-file", f.toString()).parameters();
        assertEquals(1, p.commands().size());
        CommandOutput.JointTrajectory jt = (CommandOutput.JointTrajectory) p.commands().getFirst();
        assertEquals("/arm_controller/joint_trajectory", jt.topic());
        assertEquals(25, jt.points());
    }

    @Test
    void everyCommandedJointGetsItsOwnLimitsOrTheDefaults() {
        NodeParameters p = parse("--params", ARM6.toString()).parameters();
        SafetyLimits s = p.safety();
        assertEquals(6, s.joints().size());
        assertEquals(new JointLimits("joint_1", -3.14, 3.14, 1.5, 10.0), s.of("joint_1"));
        assertEquals(new JointLimits("joint_2", -2.0, 2.0, 1.5, 10.0), s.of("joint_2"), "own limits win over the defaults");
        assertEquals(0.25, s.maxStepFromMeasuredRad());
        assertEquals(1_000_000_000L, s.softStartNs());
        assertEquals(500_000_000L, s.actionStaleNs());
        SafetyConfig config = s.toConfig(List.of("joint_6", "joint_2", "joint_1", "joint_3", "joint_4", "joint_5"), p.staleAfterNs());
        assertEquals("joint_6", config.joints().getFirst().joint(), "the safety layer gets the card's action order");
        assertEquals(100_000_000L, config.observationStaleNs());
    }

    @Test
    void aCommandedJointWithoutLimitsIsRefused() {
        assertEquals("parameter 'safety.joints.joint_1.max_velocity' is missing; every commanded joint needs min_position, max_position, max_velocity and "
                + "max_acceleration: set them under safety.joints.joint_1 (or for every joint under safety.defaults)",
                error(noDefaults("max_velocity")));
        assertEquals("joint 'joint_2' has min_position 1.0 >= max_position -1.0 (safety.joints.joint_2.min_position / safety.joints.joint_2.max_position, "
                + "or safety.defaults.*); give min_position < max_position",
                error("--params", ARM6.toString(), "--ros-args", "-p", "safety.joints.joint_2.min_position:=1.0", "-p", "safety.joints.joint_2.max_position:=-1.0"));
        assertEquals("parameter 'safety.defaults.max_acceleration' is 0.0; a limit must be > 0 (rad or m per second squared) (from -p safety.defaults.max_acceleration)",
                error("--params", ARM6.toString(), "--ros-args", "-p", "safety.defaults.max_acceleration:=0.0"));
        assertEquals("parameter 'safety.joints.joint_9.max_velocity' sets limits of joint 'joint_9', which no controller commands (commands.*.joints: "
                + "[joint_1, joint_2, joint_3, joint_4, joint_5, joint_6]); fix the joint name or remove the parameter (from -p safety.joints.joint_9.max_velocity)",
                error("--params", ARM6.toString(), "--ros-args", "-p", "safety.joints.joint_9.max_velocity:=1.0"));
        assertEquals("parameter 'safety.joints.joint_1.max_velocty' is not a ChunkRT parameter; did you mean 'safety.joints.joint_1.max_velocity'? Known: "
                + "policy.card, ros.distro, joint_states.*, cameras.*, commands.*, rates.*, enable.initial, use_sim_time, safety.*, qos_overrides.* "
                + "(from -p safety.joints.joint_1.max_velocty)",
                error("--params", ARM6.toString(), "--ros-args", "-p", "safety.joints.joint_1.max_velocty:=1.0"));
    }

    /** The 6-DoF example without one of its default limits. */
    private String[] noDefaults(String key) {
        try {
            String text = Files.readString(ARM6).replace("card: ../../models/", "card: " + REPO.resolve("models") + "/")
                    .replaceAll("(?m)^        " + key + ": .*\n", "");
            return new String[] {"--params", file(text).toString()};
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void parametersLeftForAControllerNoLongerListedAreRefused() {
        assertEquals("parameter 'commands.forward_position_controller.joints' belongs to controller 'forward_position_controller', which commands.controllers "
                + "[arm_controller] does not list; add the controller there or remove the parameter (from " + ARM6 + ")",
                error("--params", ARM6.toString(), "--ros-args", "-p", "commands.controllers:=[arm_controller]", "-p", "commands.arm_controller.type:=forward",
                        "-p", "commands.arm_controller.joints:=[a]"));
    }

    @Test
    void unknownParametersAreRefusedWithTheClosestKnownName() {
        assertEquals("parameter 'rates.contol_hz' is not a ChunkRT parameter; did you mean 'rates.control_hz'? Known: policy.card, ros.distro, "
                + "joint_states.*, cameras.*, commands.*, rates.*, enable.initial, use_sim_time, safety.*, qos_overrides.* (from -p rates.contol_hz)",
                error("--params", ARM6.toString(), "--ros-args", "-p", "rates.contol_hz:=30"));
    }

    @Test
    void badValuesNameTheParameterTheValueAndTheFix() {
        assertEquals("parameter 'rates.control_hz' is 'fast', not a number (from -p rates.control_hz)",
                error("--params", ARM6.toString(), "--ros-args", "-p", "rates.control_hz:=fast"));
        assertEquals("parameter 'rates.control_hz' is 5000.0; use a value from 1 to 2000 (from -p rates.control_hz)",
                error("--params", ARM6.toString(), "--ros-args", "-p", "rates.control_hz:=5000.0"));
        assertEquals("parameter 'commands.forward_position_controller.type' is 'position'; use one of forward, joint_trajectory (from -p commands.forward_position_controller.type)",
                error("--params", ARM6.toString(), "--ros-args", "-p", "commands.forward_position_controller.type:=position"));
        assertEquals("parameter 'ros.distro' is 'rolling'; use humble or jazzy (iron and kilted use jazzy's layout) (from -p ros.distro)",
                error("--params", ARM6.toString(), "--ros-args", "-p", "ros.distro:=rolling"));
        assertEquals("parameter 'cameras.top.encoding' is 'yuv422'; use one of rgb8, bgr8, rgba8, bgra8, mono8, mono16, 8UC1, 8UC3, 16UC1, 32FC1, "
                + "bayer_rggb8, bayer_bggr8, bayer_gbrg8, bayer_grbg8 (from -p cameras.top.encoding)",
                error("--params", ALOHA.toString(), "--ros-args", "-p", "cameras.top.encoding:=yuv422"));
        String missingCard = error("--ros-args", "-p", "commands.controllers:=[c]");
        assertEquals("parameter 'policy.card' is missing; set it in the params file or with -p policy.card:=/path/to/card.yaml", missingCard);
        assertTrue(error("--params", ARM6.toString(), "--ros-args", "-p", "policy.card:=/nope/card.yaml")
                .startsWith("parameter 'policy.card' is '/nope/card.yaml', which is not a file (looked at /nope/card.yaml); give the path of a policy card"));
    }

    @Test
    void crossFieldRulesAreCheckedOnce() {
        assertEquals("joint 'left_waist' is listed by two controllers (again in 'commands.right_arm_controller.joints'); each joint is commanded by exactly one controller",
                error("--params", ALOHA.toString(), "--ros-args", "-p", "commands.right_arm_controller.joints:=[left_waist]"));
        assertEquals("parameter 'cameras.side.topic' belongs to camera 'side', which cameras.names [top, wrist, right_wrist] does not list; "
                + "add the camera there or remove the parameter (from -p cameras.side.topic)",
                error("--params", ALOHA.toString(), "--ros-args", "-p", "cameras.side.topic:=/side/image_raw"));
        assertEquals("parameter 'cameras.top.format' is set but the camera's transport is raw; set cameras.top.transport to compressed or remove it (from -p cameras.top.format)",
                error("--params", ALOHA.toString(), "--ros-args", "-p", "cameras.top.format:=jpeg"));
        assertEquals("parameter 'commands.forward_position_controller.points' is set but forward_position_controller is a forward controller, which takes one command at a time; "
                + "remove it or set the type to joint_trajectory (from -p commands.forward_position_controller.points)",
                error("--params", ARM6.toString(), "--ros-args", "-p", "commands.forward_position_controller.points:=3"));
    }

    @Test
    void qosOverridesFollowTheRosParameterForm() {
        NodeParameters p = parse("--params", ARM6.toString(), "--ros-args", "-p", "qos_overrides./forward_position_controller/commands.publisher.depth:=3",
                "-p", "qos_overrides./forward_position_controller/commands.publisher.durability:=transient_local").parameters();
        QosProfile q = p.qos("/forward_position_controller/commands", QosOverride.Endpoint.PUBLISHER, QosProfile.COMMANDS);
        assertEquals(3, q.depth());
        assertEquals(QosProfile.Durability.TRANSIENT_LOCAL, q.durability());
        assertEquals(QosProfile.Reliability.RELIABLE, q.reliability());
        assertEquals("parameter 'qos_overrides./joint_states.subscription.deadline' sets policy 'deadline', which ChunkRT does not override; "
                + "use reliability, durability, history, depth (from -p qos_overrides./joint_states.subscription.deadline)",
                error("--params", ARM6.toString(), "--ros-args", "-p", "qos_overrides./joint_states.subscription.deadline:=1"));
    }

    @Test
    void malformedRosArgumentsAreRefusedWithTheAcceptedForms() {
        assertEquals("remap rule '__node' has no ':='; write it as from:=to, e.g. -r __node:=chunkrt or -r /image:=/cam_high/image_raw",
                error("--params", ARM6.toString(), "--ros-args", "-r", "__node"));
        assertEquals("ROS argument '--wat' is not supported; ChunkRT understands -r/--remap, -p/--param, --params-file, -e/--enclave and the logging options",
                error("--params", ARM6.toString(), "--ros-args", "--wat"));
        assertEquals("ROS argument --params-file needs a value after it", error("--ros-args", "--params-file"));
        assertEquals("argument 'extra' is not understood; chunkrt run takes --params FILE, --record BAG_DIR and ROS arguments after --ros-args",
                error("--params", ARM6.toString(), "extra"));
        assertEquals("node name '9lives' is invalid; use letters, digits and underscores, not starting with a digit",
                error("--params", ARM6.toString(), "--ros-args", "-r", "__node:=9lives"));
        assertTrue(error("--params", ARM6.toString(), "--ros-args", "-r", "/joint states:=/x").startsWith("remap rule /joint states:=/x: topic name '/joint states' is invalid"));
    }

    @Test
    void parameterFilesThatAreNotRosParameterYamlAreRefused() throws IOException {
        Path flat = file("policy.card: x\n");
        assertEquals("parameter file " + flat + ": section 'policy.card' has no 'ros__parameters' mapping; write 'policy.card:\\n  ros__parameters:\\n    name: value'",
                error("--params", flat.toString()));
        Path listOfMaps = file("/**:\n  ros__parameters:\n    cameras:\n      names: [{a: 1}]\n");
        assertEquals("parameter 'cameras.names' in " + listOfMaps + " holds a list of mappings or lists; ROS parameters are scalars or arrays of scalars (flatten it into dotted names)",
                error("--params", listOfMaps.toString()));
        Path broken = file("/**:\n  ros__parameters: [\n");
        assertTrue(error("--params", broken.toString()).startsWith("parameter file " + broken + " is not valid YAML at line "));
        assertEquals("parameter file " + dir.resolve("missing.yaml") + " does not exist; give the path of a ROS parameter YAML file",
                error("--params", dir.resolve("missing.yaml").toString()));
    }

    @Test
    void everyRefusalIsOneLine() {
        List<String[]> bad = new ArrayList<>();
        bad.add(new String[] {"--params", ARM6.toString(), "--ros-args", "-p", "rates.control_hz:=[1, 2]"});
        bad.add(new String[] {"--params", ARM6.toString(), "--ros-args", "-p", "joint_states.topics:=/joint_states"});
        bad.add(new String[] {"--params", ALOHA.toString(), "--ros-args", "-p", "cameras.names:=[top, top]"});
        for (String[] args : bad) {
            String m = error(args);
            assertEquals(1, m.lines().count(), m);
        }
    }

    @Test
    void aFlightRecordingIsSetByRecordPathOrRecordOnTheCommandLineAndNeverIntoANonEmptyDirectory() throws IOException {
        assertEquals(null, parse("--params", ARM6.toString()).parameters().record());
        Path fromYaml = dir.resolve("from_yaml");
        RecordOutput r = parse("--params", ARM6.toString(), "--ros-args", "-p", "record.path:=" + fromYaml, "-p", "record.compression:=lz4").parameters().record();
        assertEquals(new RecordOutput(fromYaml, io.chunkrt.replay.mcap.McapCompression.LZ4), r);
        Path fromCli = dir.resolve("from_cli");
        RecordOutput c = parse("--params", ARM6.toString(), "--record", fromCli.toString(), "--ros-args", "-p", "record.path:=" + fromYaml).parameters().record();
        assertEquals(new RecordOutput(fromCli, io.chunkrt.replay.mcap.McapCompression.ZSTD), c, "--record wins over record.path; zstd by default");
        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("metadata.yaml"), "x");
        assertEquals("--record is '" + used + "', a directory that is not empty (" + used
                + "); give a new or empty directory (a bag is never appended to), or move the old recording away", error("--params", ARM6.toString(), "--record", used.toString()));
        assertEquals("--record needs the bag directory after it, e.g. --record /tmp/flight_1", error("--params", ARM6.toString(), "--record"));
        String bad = error("--params", ARM6.toString(), "--ros-args", "-p", "record.compression:=gzip");
        assertTrue(bad.contains("record.compression") && bad.contains("none, zstd, lz4"), bad);
    }
}
