package io.chunkrt.bench;

import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.cdr.CdrWriter;
import io.chunkrt.ros.dds.CycloneTransport;
import io.chunkrt.ros.dds.DdsSettings;
import io.chunkrt.ros.msg.JointStateCodec;
import io.chunkrt.ros.msg.JointStateMessage;
import io.chunkrt.ros.peer.PeerProcess;
import io.chunkrt.ros.transport.MessageSubscription;
import io.chunkrt.ros.transport.NodeIdentity;
import io.chunkrt.ros.transport.QosProfile;
import io.chunkrt.ros.transport.ReceiveWaitSet;
import io.chunkrt.ros.transport.RosPublisher;
import io.chunkrt.ros.transport.RosSubscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.HdrHistogram.Histogram;

/**
 * JointState (14 joints, 668 bytes) round trip through the bridge's codec and Cyclone transport, against the
 * same round trip between two C programs, measured in the same run:
 * <ul>
 *   <li>baseline: C {@code ping-joint-state} (idlc types, typed write) to a C {@code echo-joint-state} and back;</li>
 *   <li>bridge: Java encodes with {@code JointStateCodec}, publishes raw CDR, waits on its wait set, takes and
 *       decodes the echo into a reusable {@code JointStateMessage} (the echo is the same C program).</li>
 * </ul>
 * Rounds alternate the two so drift in machine load hits both. Every participant is loopback-only. Prints
 * p50/p90/p99/max per side and the p50 ratio (goal: bridge / C &lt;= 1.1).
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar io.chunkrt.bench.RosRoundTripReport [rounds] [samplesPerRound]</pre>
 */
public final class RosRoundTripReport {
    private static final int JOINTS = 14;
    private static final Duration STEP = Duration.ofSeconds(30);

    private RosRoundTripReport() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int warmup = 2000;
        int domain = 180 + ThreadLocalRandom.current().nextInt(40);
        Histogram c = new Histogram(3_600_000_000L, 3);
        Histogram java = new Histogram(3_600_000_000L, 3);
        Path tmp = Files.createTempDirectory("chunkrt-rtt");
        try (CycloneTransport node = CycloneTransport.open(DdsSettings.loopbackOnly(domain, RosDistro.JAZZY), new NodeIdentity("rtt_bench", "/"));
             PeerProcess javaEcho = PeerProcess.start(domain, "cyclone_peer", "echo-joint-state", "rt/bench/ping_java", "rt/bench/pong_java");
             PeerProcess cEcho = PeerProcess.start(domain, "cyclone_peer", "echo-joint-state", "rt/bench/ping_c", "rt/bench/pong_c")) {
            javaEcho.expect("ready", STEP);
            cEcho.expect("ready", STEP);
            JavaPinger pinger = new JavaPinger(node);
            pinger.run(warmup, null);
            for (int r = 0; r < rounds; r++) {
                Histogram cRound = new Histogram(3_600_000_000L, 3);
                Histogram javaRound = new Histogram(3_600_000_000L, 3);
                if (r % 2 == 0) {
                    runC(domain, tmp, r, warmup, perRound, cRound);
                    pinger.run(perRound, javaRound);
                } else {
                    pinger.run(perRound, javaRound);
                    runC(domain, tmp, r, warmup, perRound, cRound);
                }
                c.add(cRound);
                java.add(javaRound);
                System.out.printf("round %d/%d: C p50 %.1f us, bridge p50 %.1f us, ratio %.3f%n", r + 1, rounds, cRound.getValueAtPercentile(50) / 1e3,
                        javaRound.getValueAtPercentile(50) / 1e3, (double) javaRound.getValueAtPercentile(50) / cRound.getValueAtPercentile(50));
            }
            pinger.close();
        }
        System.out.println();
        System.out.println("== JointState(14) round trip on loopback: bridge (Java codec + Cyclone via FFM) vs C-to-C, same run");
        print("C (idlc, typed)", c);
        print("bridge (Java)", java);
        double ratio = (double) java.getValueAtPercentile(50) / c.getValueAtPercentile(50);
        System.out.printf("  ratio p50 bridge/C = %.3f (goal <= 1.1)%n", ratio);
        System.out.printf("  ratio p99 bridge/C = %.3f%n", (double) java.getValueAtPercentile(99) / c.getValueAtPercentile(99));
    }

    private static void print(String name, Histogram h) {
        System.out.printf("  %-18s n=%7d  p50 %8.1f us  p90 %8.1f us  p99 %8.1f us  max %9.1f us%n", name, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3);
    }

    private static void runC(int domain, Path tmp, int round, int warmup, int count, Histogram into) throws IOException {
        Path file = tmp.resolve("c-rtt-" + round + ".txt");
        try (PeerProcess ping = PeerProcess.start(domain, "cyclone_peer", "ping-joint-state", "rt/bench/ping_c", "rt/bench/pong_c",
                Integer.toString(JOINTS), Integer.toString(warmup), Integer.toString(count), file.toString())) {
            String done = ping.expect("done", Duration.ofMinutes(5));
            if (!done.equals("done lost=0")) {
                System.out.println("  C ping reported " + done);
            }
            ping.finish(STEP);
        }
        for (String line : Files.readAllLines(file)) {
            into.recordValue(Long.parseLong(line.trim()));
        }
    }

    /** The bridge side: one thread encodes, publishes, waits and decodes; no allocation per round trip. */
    private static final class JavaPinger implements AutoCloseable {
        private final RosPublisher pub;
        private final RosSubscription sub;
        private final ReceiveWaitSet ws;
        private final MessageSubscription<JointStateMessage> typed;
        private final JointStateMessage out = new JointStateMessage(JOINTS);
        private final JointStateMessage in = new JointStateMessage(JOINTS);
        private final CdrWriter writer = CdrWriter.fixed();
        private final byte[] buffer = new byte[4096];
        private int seq;

        JavaPinger(CycloneTransport node) {
            pub = node.createPublisher("/bench/ping_java", JointStateCodec.TYPE, QosProfile.DEFAULT);
            sub = node.createSubscription("/bench/pong_java", JointStateCodec.TYPE, QosProfile.DEFAULT, 4096);
            ws = node.createWaitSet();
            ws.attach(sub);
            typed = new MessageSubscription<>(sub, JointStateCodec.INSTANCE);
            String[] names = new String[JOINTS];
            for (int i = 0; i < JOINTS; i++) {
                names[i] = "joint_" + i;
            }
            out.header.frameId.set("peer_base");
            out.setNames(names);
            out.setPositionCount(JOINTS);
            out.setVelocityCount(JOINTS);
            out.setEffortCount(JOINTS);
            long deadline = System.nanoTime() + STEP.toNanos();
            while (pub.matchedSubscriptions() == 0 || sub.matchedPublishers() == 0) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("the echo peer was not discovered within " + STEP.toSeconds() + " s");
                }
                Thread.onSpinWait();
            }
        }

        void run(int count, Histogram into) {
            for (int i = 0; i < count; i++) {
                seq++;
                out.header.stamp.set(1_700_000_000 + seq, 123456789);
                for (int j = 0; j < JOINTS; j++) {
                    out.positions()[j] = (j + 1) * 0.125 - 1.0 + seq;
                    out.velocities()[j] = -0.5 * j;
                    out.efforts()[j] = 0.25 * j * j;
                }
                long t0 = System.nanoTime();
                writer.begin(buffer);
                JointStateCodec.INSTANCE.encode(out, writer);
                pub.publish(buffer, 0, writer.length());
                boolean got = false;
                long deadline = t0 + 1_000_000_000L;
                while (!got && System.nanoTime() - deadline < 0) {
                    ws.await(100_000_000L);
                    while (typed.takeInto(in) == MessageSubscription.Received.MESSAGE) {
                        got |= in.header.stamp.sec() == 1_700_000_000 + seq && in.positionCount() == JOINTS;
                    }
                }
                long t1 = System.nanoTime();
                if (got && into != null) {
                    into.recordValue(t1 - t0);
                }
            }
        }

        @Override
        public void close() {
            ws.close();
            sub.close();
            pub.close();
        }
    }
}
