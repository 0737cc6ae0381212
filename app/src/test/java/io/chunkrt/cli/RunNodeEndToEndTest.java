package io.chunkrt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.replay.bag.MessageCursor;
import io.chunkrt.replay.bag.RosBag;
import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.dds.CycloneConfig;
import io.chunkrt.ros.dds.CycloneTransport;
import io.chunkrt.ros.dds.DdsSettings;
import io.chunkrt.ros.msg.BoolCodec;
import io.chunkrt.ros.msg.BoolMessage;
import io.chunkrt.ros.msg.DiagnosticArrayCodec;
import io.chunkrt.ros.msg.DiagnosticArrayMessage;
import io.chunkrt.ros.msg.DiagnosticStatusMessage;
import io.chunkrt.ros.peer.PeerProcess;
import io.chunkrt.ros.testing.TestDomains;
import io.chunkrt.ros.testing.Waits;
import io.chunkrt.ros.transport.MessageSubscription;
import io.chunkrt.ros.transport.NodeIdentity;
import io.chunkrt.ros.transport.QosProfile;
import io.chunkrt.ros.transport.RosPublisher;
import io.chunkrt.ros.transport.RosSubscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 3, end to end: a C program plays a 14-joint bimanual arm (arm_peer.c: joint states at 100 Hz echoing
 * the commanded positions, two 320x240 rgb8 cameras at 30 Hz, forward_command_controller's size/NaN checks, a
 * record of every command it receives), and {@code chunkrt run} — a real child JVM started with the arguments
 * {@code ros2 launch} would append — drives it with the act_like policy from models/ (ACT-style, 14 joints, two
 * cameras, 50 Hz). The test plays the operator on {@code /chunkrt/enable} and {@code /chunkrt/estop} and reads
 * {@code /diagnostics}. Every participant is confined to the loopback interface.
 *
 * <p>Phase boundaries are taken on this JVM's {@link System#nanoTime()} (CLOCK_MONOTONIC on Linux), the clock
 * the peer stamps each received command with, and the whole record is checked after the run.
 */
class RunNodeEndToEndTest {
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final double CONTROL_HZ = 50;
    private static final double PERIOD_S = 1 / CONTROL_HZ;
    private static final double LIMIT_RAD = 1.5;
    private static final double VELOCITY_RAD_S = 1.0;
    private static final double ACCELERATION_RAD_S2 = 10.0;
    private static final List<String> JOINTS = List.of("left_waist", "left_shoulder", "left_elbow", "left_forearm_roll", "left_wrist_angle",
            "left_wrist_rotate", "left_gripper", "right_waist", "right_shoulder", "right_elbow", "right_forearm_roll", "right_wrist_angle",
            "right_wrist_rotate", "right_gripper");
    private static final String LEFT = "rt/left_arm_controller/commands";
    private static final String RIGHT = "rt/right_arm_controller/commands";

    /** One command as the arm peer recorded it. */
    record Received(long monoNs, long realtimeNs, long sourceNs, String topic, boolean applied, double[] positions) {
        static Received parse(String line) {
            String[] f = line.split(",");
            double[] v = new double[Integer.parseInt(f[5])];
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.parseDouble(f[6 + i]);
            }
            return new Received(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), f[3], f[4].equals("applied"), v);
        }
    }

    private final Map<String, Map<String, String>> lastDiagnostics = new HashMap<>();
    private Map<String, String> steadyLoop = Map.of();
    private int diagnosticsReceived;
    private long firstDiagnosticsNs;
    private long lastDiagnosticsNs;

    @Test
    void thePolicyDrivesTheArmAtTheControlRateWithinItsLimitsAndStopsOnEstopDisableAndStaleStates(@TempDir Path dir) throws IOException {
        int domain = TestDomains.next();
        Path record = dir.resolve("arm.csv");
        Path flight = dir.resolve("flight");
        Path params = dir.resolve("params.yaml");
        Files.writeString(params, paramsYaml(RepoPaths.models().resolve("act_like/card.yaml")));
        String loopback = CycloneConfig.loopbackOnly(null);
        Map<String, Long> t = new LinkedHashMap<>();
        NodeProcess node = null;
        try (PeerProcess arm = PeerProcess.start(domain, "arm_peer", "--joints", "14", "--names", String.join(",", JOINTS),
                "--command", LEFT + ":0", "--command", RIGHT + ":7", "--camera", "rt/cam_high/image_raw", "--camera", "rt/cam_left_wrist/image_raw",
                "--camera-hz", "30", "--width", "320", "--height", "240", "--record", record.toString());
             CycloneTransport operator = CycloneTransport.open(DdsSettings.loopbackOnly(domain, RosDistro.JAZZY), new NodeIdentity("e2e_operator", "/"))) {
            arm.expect("ready", STEP);
            RosPublisher enable = operator.createPublisher("/chunkrt/enable", BoolCodec.TYPE, QosProfile.DEFAULT);
            RosPublisher estop = operator.createPublisher("/chunkrt/estop", BoolCodec.TYPE, QosProfile.DEFAULT);
            RosSubscription diagnostics = operator.createSubscription("/diagnostics", DiagnosticArrayCodec.TYPE, QosProfile.DEFAULT.withDepth(50), 1 << 20);
            MessageSubscription<DiagnosticArrayMessage> diag = new MessageSubscription<>(diagnostics, DiagnosticArrayCodec.INSTANCE);
            DiagnosticArrayMessage diagMessage = new DiagnosticArrayMessage(64, 64);

            node = NodeProcess.start(domain, loopback, dir, "run", "--params", params.toString(), "--record", flight.toString(),
                    "--ros-args", "-r", "__node:=chunkrt", "-r", "__ns:=/", "-p", "rates.diagnostics_hz:=2.0");
            node.expect("chunkrt run: node /chunkrt running", STEP);
            Waits.until("the operator's topics to match the node", STEP, () -> enable.matchedSubscriptions() > 0 && estop.matchedSubscriptions() > 0);

            t.put("disabled", System.nanoTime());
            pollDiagnostics(diag, diagMessage, 1000);
            t.put("enable", System.nanoTime());
            publish(enable, true);
            pollDiagnostics(diag, diagMessage, 4000);
            steadyLoop = Map.copyOf(lastDiagnostics.get("chunkrt: control loop"));
            t.put("stale", System.nanoTime());
            arm.send("pause-state");
            arm.expect("ok pause-state", STEP);
            pollDiagnostics(diag, diagMessage, 1500);
            t.put("fresh", System.nanoTime());
            arm.send("resume-state");
            arm.expect("ok resume-state", STEP);
            pollDiagnostics(diag, diagMessage, 2000);
            t.put("estop", System.nanoTime());
            publish(estop, true);
            pollDiagnostics(diag, diagMessage, 1500);
            t.put("refused", System.nanoTime());
            publish(enable, true); // the e-stop input is still true: refused
            pollDiagnostics(diag, diagMessage, 500);
            publish(estop, false);
            pollDiagnostics(diag, diagMessage, 200);
            t.put("reenable", System.nanoTime());
            publish(enable, true);
            pollDiagnostics(diag, diagMessage, 2000);
            t.put("disable", System.nanoTime());
            publish(enable, false);
            pollDiagnostics(diag, diagMessage, 1000);
            t.put("end", System.nanoTime());

            arm.send("quit");
            String stats = arm.expect("stats", STEP);
            assertTrue(stats.contains(" rejected=0 "), "forward_command_controller's checks passed for every command: " + stats);
            int exit = node.terminate(STEP);
            assertEquals(143, exit, "SIGTERM ends the node (128 + 15) after its shutdown hook; stderr:\n" + node.stderr());
            System.out.println(node.expect("chunkrt run: stopped;", STEP));
            String recorded = node.expect("flight recording ", STEP);
            System.out.println(recorded);
            assertTrue(recorded.contains(" 0 dropped") && !recorded.contains("FAILED"), recorded);
            assertTrue(!node.stderr().contains("Exception"), node.stderr());
        } finally {
            if (node != null) {
                node.close();
            }
        }

        List<Received> all = Files.readAllLines(record).stream().map(Received::parse).toList();
        List<Received> left = all.stream().filter(r -> r.topic().equals(LEFT)).toList();
        List<Received> right = all.stream().filter(r -> r.topic().equals(RIGHT)).toList();
        assertTrue(all.stream().allMatch(Received::applied));
        assertEquals(all.size(), left.size() + right.size());

        // commands flow only when enabled
        assertEquals(0, between(all, t.get("disabled") - 10_000_000_000L, t.get("enable")).size(), "no command before ~/enable");
        // ... at the control rate: the fixed-rate loop can only fall short of it, by whole missed periods, which a shared
        // 2-core machine may cause during GC or JIT compilation; it never sends more
        for (List<Received> ctrl : List.of(left, right)) {
            List<Received> steady = between(ctrl, t.get("enable") + 1_000_000_000L, t.get("stale"));
            double seconds = (t.get("stale") - t.get("enable") - 1_000_000_000L) / 1e9;
            double expected = seconds * CONTROL_HZ;
            assertTrue(steady.size() >= 0.9 * expected && steady.size() <= expected + 2, steady.size() + " commands in " + seconds + " s at " + CONTROL_HZ + " Hz");
            double medianIntervalMs = median(intervalsMs(steady));
            assertEquals(1000 / CONTROL_HZ, medianIntervalMs, 0.05 * 1000 / CONTROL_HZ, "median interval between commands");
        }
        // ... within the safety limits, every one of them
        for (List<Received> ctrl : List.of(left, right)) {
            checkLimits(ctrl);
        }
        // the policy moves the arm
        double[] first = left.getFirst().positions();
        assertTrue(maxDistance(first, between(left, t.get("enable"), t.get("stale")).getLast().positions()) > 0.05, "the arm moved");

        // joint states stop: the arm decelerates within its limits (stale after 100 ms, stopped 0.1 s later) and holds
        for (List<Received> ctrl : List.of(left, right)) {
            List<Received> held = between(ctrl, t.get("stale") + 500_000_000L, t.get("fresh"));
            assertTrue(held.size() >= 30, "hold commands keep flowing: " + held.size());
            assertConstant(held, "while joint states are stale");
            List<Received> resumed = between(ctrl, t.get("fresh"), t.get("estop"));
            assertTrue(resumed.stream().anyMatch(r -> maxDistance(r.positions(), held.getLast().positions()) > 1e-6), "moves again when states return");
        }
        // e-stop: the arm stops and holds, an enable while the e-stop input is true is refused
        for (List<Received> ctrl : List.of(left, right)) {
            List<Received> stopped = between(ctrl, t.get("estop") + 400_000_000L, t.get("reenable"));
            assertTrue(stopped.size() >= 50, "hold commands keep flowing after the e-stop: " + stopped.size());
            assertConstant(stopped, "after the e-stop, through a refused enable and the release");
            List<Received> restarted = between(ctrl, t.get("reenable"), t.get("disable"));
            assertTrue(restarted.stream().anyMatch(r -> maxDistance(r.positions(), stopped.getLast().positions()) > 1e-6),
                    "moves again after ~/estop false and ~/enable true");
        }
        // disable: commands stop (those in flight arrive within milliseconds)
        assertEquals(0, between(all, t.get("disable") + 150_000_000L, Long.MAX_VALUE).size(), "no command after ~/enable false");

        // /diagnostics: at the configured 2 Hz, with the loop statistics, the safety counters and the operator's inputs
        double diagSeconds = (lastDiagnosticsNs - firstDiagnosticsNs) / 1e9;
        assertTrue(diagnosticsReceived >= 2 * diagSeconds - 1 && diagnosticsReceived <= 2 * diagSeconds + 2,
                diagnosticsReceived + " /diagnostics messages over " + diagSeconds + " s");
        Map<String, String> loop = lastDiagnostics.get("chunkrt: control loop");
        for (String key : List.of("period_error_us.p50", "period_error_us.p99", "period_error_us.max", "tick_cost_us.p99", "inference_ms.p99", "missed_periods",
                "chunks_accepted", "enabled", "estop_latched")) {
            assertTrue(loop.containsKey(key), key + " in " + loop);
        }
        assertEquals("false", loop.get("enabled"));
        Map<String, String> safety = lastDiagnostics.get("chunkrt: safety");
        assertTrue(Long.parseLong(safety.get("estop")) > 0 && Long.parseLong(safety.get("stale_observation")) > 0, safety.toString());
        Map<String, String> op = lastDiagnostics.get("chunkrt: operator");
        assertEquals("1", op.get("refused_enables"), op.toString());
        assertEquals("1", op.get("estop_messages"), op.toString());
        assertTrue(Long.parseLong(lastDiagnostics.get("chunkrt: fusion").get("frames_built")) > 50, lastDiagnostics.get("chunkrt: fusion").toString());
        assertTrue(lastDiagnostics.containsKey("chunkrt: stream top") && lastDiagnostics.containsKey("chunkrt: stream /joint_states"), lastDiagnostics.keySet().toString());

        checkFlightRecording(flight, dir, left.size(), right.size());

        List<Double> steadyIntervals = intervalsMs(between(left, t.get("enable") + 1_000_000_000L, t.get("stale")));
        System.out.printf("end to end: %d commands; steady command interval at the arm p50 %.3f ms p1 %.3f ms p99 %.3f ms; node->arm transit p50 %.0f us p99 %.0f us%n",
                all.size(), median(steadyIntervals), percentile(steadyIntervals, 1), percentile(steadyIntervals, 99), percentile(transitUs(all), 50),
                percentile(transitUs(all), 99));
        System.out.println("end to end: the node's /diagnostics over its last 0.5 s period while commanding: " + steadyLoop);
    }

    /**
     * The node's flight recording reads back with RosBag: metadata.yaml, the joint states and both cameras as received,
     * every command the arm received (the node published them, so the bag may hold one or two more in flight at the
     * end), the operator's topics and the decisions; and {@code chunkrt replay} runs on it with the same card.
     */
    private static void checkFlightRecording(Path flight, Path dir, int leftReceived, int rightReceived) {
        assertTrue(Files.isRegularFile(flight.resolve("metadata.yaml")), "metadata.yaml in " + flight);
        Map<String, Long> counts;
        try (RosBag bag = RosBag.open(flight)) {
            counts = bag.storageCounts();
            Map<String, Long> fromMetadata = new HashMap<>();
            bag.info().topics().forEach(t -> fromMetadata.put(t.topic().name(), t.messageCount()));
            assertEquals(counts, fromMetadata, "metadata.yaml and the MCAP index agree");
            List<String> events = new ArrayList<>();
            try (MessageCursor c = bag.messages(java.util.Set.of("/chunkrt/events"))) {
                DiagnosticArrayMessage m = new DiagnosticArrayMessage(4, 8);
                while (c.next()) {
                    byte[] cdr = c.payloadCopy();
                    assertEquals(io.chunkrt.ros.cdr.SampleFault.NONE, DiagnosticArrayCodec.INSTANCE.decode(new io.chunkrt.ros.cdr.CdrReader(), cdr, 0, cdr.length, m));
                    events.add(m.status(0).name.toString());
                }
            }
            System.out.println("end to end: flight recording topics " + counts);
            for (String e : List.of("chunkrt/chunk_accepted", "chunkrt/enabled", "chunkrt/estop_requested", "chunkrt/enable_refused", "chunkrt/estop_released",
                    "chunkrt/disabled", "chunkrt/safety_started")) {
                assertTrue(events.contains(e), e + " recorded on /chunkrt/events");
            }
        }
        long seconds = 12;
        assertTrue(counts.getOrDefault("/joint_states", 0L) > 100 * seconds * 0.8, "joint states at 100 Hz: " + counts);
        assertTrue(counts.getOrDefault("/cam_high/image_raw", 0L) > 30 * seconds * 0.5 && counts.getOrDefault("/cam_left_wrist/image_raw", 0L) > 30 * seconds * 0.5,
                "both cameras at 30 Hz: " + counts);
        long left = counts.getOrDefault("/left_arm_controller/commands", 0L);
        long right = counts.getOrDefault("/right_arm_controller/commands", 0L);
        assertTrue(left >= leftReceived && left <= leftReceived + 2, left + " left commands recorded, " + leftReceived + " received by the arm");
        assertTrue(right >= rightReceived && right <= rightReceived + 2, right + " right commands recorded, " + rightReceived + " received by the arm");
        assertEquals(2L, counts.get("/chunkrt/estop"), "~/estop true, false: " + counts);
        assertEquals(4L, counts.get("/chunkrt/enable"), "~/enable true, true (refused), true, false: " + counts);

        CliRun replay = CliRun.of("replay", flight.toString(), "--card", RepoPaths.models().resolve("act_like/card.yaml").toString(), "--out",
                dir.resolve("replay_out").toString(), "--camera-topic", "top=/cam_high/image_raw", "--camera-topic", "wrist=/cam_left_wrist/image_raw",
                "--action-topic", "none");
        assertEquals(0, replay.status(), "chunkrt replay on the live recording: " + replay.err() + replay.out());
    }

    private static String paramsYaml(Path card) {
        return """
                /**:
                  ros__parameters:
                    policy:
                      card: %s
                    joint_states:
                      topics: [/joint_states]
                      stale_after_ms: 100.0
                    cameras:
                      names: [top, wrist]
                      top: {topic: /cam_high/image_raw, encoding: rgb8, width: 320, height: 240}
                      wrist: {topic: /cam_left_wrist/image_raw, encoding: rgb8, width: 320, height: 240}
                    commands:
                      controllers: [left_arm_controller, right_arm_controller]
                      left_arm_controller:
                        type: forward
                        joints: %s
                      right_arm_controller:
                        type: forward
                        joints: %s
                    enable:
                      initial: false
                    safety:
                      max_step_from_measured: 0.3
                      soft_start_s: 0.5
                      defaults: {min_position: %s, max_position: %s, max_velocity: %s, max_acceleration: %s}
                """.formatted(card, JOINTS.subList(0, 7), JOINTS.subList(7, 14), -LIMIT_RAD, LIMIT_RAD, VELOCITY_RAD_S, ACCELERATION_RAD_S2);
    }

    private static void publish(RosPublisher publisher, boolean value) {
        BoolMessage m = new BoolMessage();
        m.data = value;
        byte[] sample = BoolCodec.INSTANCE.encodeToArray(m);
        assertEquals(io.chunkrt.ros.transport.PublishStatus.OK, publisher.publish(sample, 0, sample.length));
    }

    /** Waits {@code millis}, taking every /diagnostics message that arrives meanwhile. */
    private void pollDiagnostics(MessageSubscription<DiagnosticArrayMessage> sub, DiagnosticArrayMessage into, long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() - end < 0) {
            MessageSubscription.Received r;
            while ((r = sub.takeInto(into)) != MessageSubscription.Received.NONE) {
                assertEquals(MessageSubscription.Received.MESSAGE, r, "a /diagnostics message did not decode: " + sub.counters());
                long now = System.nanoTime();
                if (diagnosticsReceived == 0) {
                    firstDiagnosticsNs = now;
                }
                lastDiagnosticsNs = now;
                diagnosticsReceived++;
                for (int i = 0; i < into.statusCount(); i++) {
                    DiagnosticStatusMessage s = into.status(i);
                    Map<String, String> values = new LinkedHashMap<>();
                    for (int k = 0; k < s.valueCount(); k++) {
                        values.put(s.value(k).key.toString(), s.value(k).value.toString());
                    }
                    lastDiagnostics.put(s.name.toString(), values);
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static List<Received> between(List<Received> commands, long fromNs, long toNs) {
        return commands.stream().filter(r -> r.monoNs() - fromNs >= 0 && r.monoNs() - toNs < 0).toList();
    }

    /**
     * Position limits on every command; velocity and acceleration from consecutive commands. The node's safety layer
     * bounds the step between two commands by the velocity limit times the control period, and the change of step by
     * the acceleration limit times the period squared; commands are spaced by the writer's source timestamps, so a
     * command lost in between (none should be) would only widen the bound by the periods it skipped.
     */
    private static void checkLimits(List<Received> ctrl) {
        double eps = 1e-9;
        for (Received r : ctrl) {
            assertEquals(7, r.positions().length);
            for (double p : r.positions()) {
                assertTrue(p >= -LIMIT_RAD - eps && p <= LIMIT_RAD + eps, "position " + p + " outside +-" + LIMIT_RAD);
            }
        }
        for (int k = 1; k < ctrl.size(); k++) {
            Received a = ctrl.get(k - 1);
            Received b = ctrl.get(k);
            long periods = Math.max(1, Math.round((b.sourceNs() - a.sourceNs()) / 1e9 / PERIOD_S));
            for (int j = 0; j < 7; j++) {
                double step = Math.abs(b.positions()[j] - a.positions()[j]);
                assertTrue(step <= VELOCITY_RAD_S * PERIOD_S * periods + eps, "joint " + j + " moved " + step + " rad in " + periods + " period(s)");
            }
            if (k >= 2 && periods == 1 && Math.round((a.sourceNs() - ctrl.get(k - 2).sourceNs()) / 1e9 / PERIOD_S) == 1) {
                Received z = ctrl.get(k - 2);
                for (int j = 0; j < 7; j++) {
                    double change = (b.positions()[j] - a.positions()[j]) - (a.positions()[j] - z.positions()[j]);
                    assertTrue(Math.abs(change) <= ACCELERATION_RAD_S2 * PERIOD_S * PERIOD_S + eps, "joint " + j + " step changed by " + change + " rad");
                }
            }
        }
    }

    private static void assertConstant(List<Received> commands, String when) {
        for (Received r : commands) {
            assertTrue(Arrays.equals(commands.getFirst().positions(), r.positions()), "commands changed " + when + ": " + Arrays.toString(r.positions())
                    + " vs " + Arrays.toString(commands.getFirst().positions()));
        }
    }

    private static double maxDistance(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    private static List<Double> intervalsMs(List<Received> commands) {
        List<Double> out = new ArrayList<>();
        for (int k = 1; k < commands.size(); k++) {
            out.add((commands.get(k).monoNs() - commands.get(k - 1).monoNs()) / 1e6);
        }
        return out;
    }

    private static List<Double> transitUs(List<Received> commands) {
        return commands.stream().map(r -> (r.realtimeNs() - r.sourceNs()) / 1e3).toList();
    }

    private static double median(List<Double> values) {
        return percentile(values, 50);
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p / 100 * sorted.size())));
    }
}
