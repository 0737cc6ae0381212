package io.chunkrt.bench;

import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.dds.CycloneConfig;
import io.chunkrt.ros.dds.CycloneTransport;
import io.chunkrt.ros.dds.DdsSettings;
import io.chunkrt.ros.msg.ImageCodec;
import io.chunkrt.ros.msg.ImageMessage;
import io.chunkrt.ros.msg.PixelEncoding;
import io.chunkrt.ros.peer.PeerProcess;
import io.chunkrt.ros.transport.MessageSubscription;
import io.chunkrt.ros.transport.NodeIdentity;
import io.chunkrt.ros.transport.QosProfile;
import io.chunkrt.ros.transport.ReceiveWaitSet;
import io.chunkrt.ros.transport.RosSubscription;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.HdrHistogram.Histogram;

/**
 * Four cameras, 640x480 rgb8 at 30 Hz each (about 110 MB/s in total), published by four C Cyclone DDS programs
 * (one per camera, as four drivers would) and received by the bridge on one receive thread: wait set, take,
 * decode into a preallocated ImageMessage per camera. Each frame carries its number in its first four pixel
 * bytes, so every gap is a loss; latency is the frame's header stamp (the publisher's CLOCK_REALTIME) to
 * decode completion. Reliable QoS, keep last 5; loopback only.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar io.chunkrt.bench.RosCameraStreamReport \
 *     [seconds=60] [cameras=4] [hz=30] [depth=5, 0 = keep all] [config=default|rcvbuf4mb]</pre>
 * {@code rcvbuf4mb} asks Cyclone for 4 MB socket receive buffers (needs net.core.rmem_max &gt;= 4 MB), the
 * ROS DDS-tuning advice for large messages; {@code default} is Cyclone's defaults.
 */
public final class RosCameraStreamReport {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;

    private RosCameraStreamReport() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        int cameras = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        double hz = args.length > 2 ? Double.parseDouble(args[2]) : 30;
        int depth = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        String variant = args.length > 4 ? args[4] : "default";
        String config = switch (variant) {
            case "default" -> CycloneConfig.loopbackOnly(null);
            case "rcvbuf4mb" -> CycloneConfig.loopbackOnly(null, "<Internal><SocketReceiveBufferSize min=\"4MB\"/></Internal>");
            default -> throw new IllegalArgumentException("config '" + variant + "': use default or rcvbuf4mb");
        };
        System.out.printf("== %d cameras %dx%d rgb8 at %.0f Hz for %.0f s, reliable %s, Cyclone config %s, loopback%n",
                cameras, WIDTH, HEIGHT, hz, seconds, depth == 0 ? "keep_all" : "keep_last " + depth, variant);
        baselineC(seconds, cameras, hz, depth, config);
        bridge(seconds, cameras, hz, depth, config);
    }

    /** The same streams received by one C program (idlc types): the baseline for losses and latency. */
    private static void baselineC(double seconds, int cameras, double hz, int depth, String config) {
        int domain = 180 + ThreadLocalRandom.current().nextInt(40);
        List<PeerProcess> peers = new ArrayList<>();
        List<String> sinkArgs = new ArrayList<>(List.of("image-sink", Double.toString(seconds), Integer.toString(depth)));
        for (int c = 0; c < cameras; c++) {
            sinkArgs.add("rt/bench/cam" + c + "/image_raw");
        }
        try (PeerProcess sink = PeerProcess.startWithConfig(domain, config, "cyclone_peer", sinkArgs.toArray(new String[0]))) {
            for (int c = 0; c < cameras; c++) {
                peers.add(PeerProcess.startWithConfig(domain, config, "cyclone_peer", "camera", "rt/bench/cam" + c + "/image_raw", Integer.toString(WIDTH),
                        Integer.toString(HEIGHT), Double.toString(hz), Double.toString(seconds), "1", Integer.toString(depth)));
            }
            for (PeerProcess p : peers) {
                p.expect("matched", Duration.ofSeconds(30));
            }
            sink.expect("matched", Duration.ofSeconds(30));
            sink.send("go");
            for (PeerProcess p : peers) {
                p.send("go");
            }
            List<String> sent = new ArrayList<>();
            for (PeerProcess p : peers) {
                sent.add(p.expect("sent", Duration.ofSeconds((long) seconds + 60)));
            }
            sleep(2000);
            sink.send("stop");
            System.out.println("-- baseline: one C program (Cyclone, idlc types) receives the streams");
            int expected = (int) Math.round(seconds * hz);
            long totalLost = 0;
            for (int c = 0; c < cameras; c++) {
                String line = sink.expect("sink", Duration.ofSeconds(30));
                long received = field(line, "received=");
                long gaps = field(line, "gaps=");
                long last = field(line, "last=");
                long lost = gaps + Math.max(0, expected - 1 - last);
                totalLost += lost;
                System.out.printf("  cam%d: publisher '%s', received %d, lost %d%n", c, sent.get(c), received, lost);
            }
            System.out.printf("  total lost %d of %d frames%n", totalLost, (long) expected * cameras);
            System.out.println("  latency stamp->taken (us): " + sink.expect("latency_us", Duration.ofSeconds(30)).substring("latency_us ".length()));
        } finally {
            for (PeerProcess p : peers) {
                p.close();
            }
        }
    }

    private static long field(String line, String key) {
        int i = line.indexOf(key) + key.length();
        int j = i;
        while (j < line.length() && (Character.isDigit(line.charAt(j)) || line.charAt(j) == '-')) {
            j++;
        }
        return Long.parseLong(line.substring(i, j));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void bridge(double seconds, int cameras, double hz, int depth, String config) {
        int domain = 180 + ThreadLocalRandom.current().nextInt(40);
        QosProfile qos = depth == 0 ? new QosProfile(QosProfile.Reliability.RELIABLE, QosProfile.Durability.VOLATILE, QosProfile.History.KEEP_ALL, 1)
                : QosProfile.DEFAULT.withDepth(depth);
        List<PeerProcess> peers = new ArrayList<>();
        try (CycloneTransport node = CycloneTransport.open(DdsSettings.loopbackOnly(domain, RosDistro.JAZZY).withConfig(config), new NodeIdentity("camera_bench", "/"))) {
            List<MessageSubscription<ImageMessage>> subs = new ArrayList<>();
            ReceiveWaitSet ws = node.createWaitSet();
            for (int c = 0; c < cameras; c++) {
                RosSubscription s = node.createSubscription("/bench/cam" + c + "/image_raw", ImageCodec.TYPE, qos, WIDTH * HEIGHT * 3 + 4096);
                ws.attach(s);
                subs.add(new MessageSubscription<>(s, ImageCodec.INSTANCE));
            }
            for (int c = 0; c < cameras; c++) {
                peers.add(PeerProcess.startWithConfig(domain, config, "cyclone_peer", "camera", "rt/bench/cam" + c + "/image_raw", Integer.toString(WIDTH),
                        Integer.toString(HEIGHT), Double.toString(hz), Double.toString(seconds), "1", Integer.toString(depth)));
            }
            for (PeerProcess p : peers) {
                p.expect("matched", Duration.ofSeconds(30));
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            for (MessageSubscription<ImageMessage> s : subs) {
                while (s.subscription().matchedPublishers() == 0 && System.nanoTime() - deadline < 0) {
                    Thread.onSpinWait();
                }
            }
            ImageMessage[] frames = new ImageMessage[cameras];
            long[] received = new long[cameras];
            long[] lastFrame = new long[cameras];
            long[] gaps = new long[cameras];
            java.util.Arrays.fill(lastFrame, -1);
            for (int c = 0; c < cameras; c++) {
                frames[c] = ImageMessage.forCamera(WIDTH, HEIGHT, PixelEncoding.RGB8);
            }
            Histogram latency = new Histogram(10_000_000_000L, 3);
            long wallStartNs = System.currentTimeMillis() * 1_000_000L;
            long monoStartNs = System.nanoTime();
            long cpuStart = processCpuNs();
            for (PeerProcess p : peers) {
                p.send("go");
            }
            int expected = (int) Math.round(seconds * hz);
            long end = System.nanoTime() + (long) ((seconds + 5) * 1e9);
            boolean all = false;
            while (!all && System.nanoTime() - end < 0) {
                ws.await(100_000_000L);
                for (int c = 0; c < cameras; c++) {
                    while (subs.get(c).takeInto(frames[c]) == MessageSubscription.Received.MESSAGE) {
                        long nowNs = wallStartNs + (System.nanoTime() - monoStartNs);
                        byte[] d = frames[c].data();
                        long frame = (d[0] & 0xffL) | (d[1] & 0xffL) << 8 | (d[2] & 0xffL) << 16 | (d[3] & 0xffL) << 24;
                        if (frame != lastFrame[c] + 1) {
                            gaps[c] += frame - lastFrame[c] - 1;
                        }
                        lastFrame[c] = frame;
                        received[c]++;
                        latency.recordValue(Math.max(0, nowNs - frames[c].header.stamp.toNanos()));
                    }
                }
                all = true;
                for (int c = 0; c < cameras; c++) {
                    all &= received[c] + gaps[c] >= expected;
                }
            }
            double elapsed = (System.nanoTime() - monoStartNs) / 1e9;
            double cpu = (processCpuNs() - cpuStart) / 1e9;
            System.out.println("-- bridge: the Java node receives the streams on one receive thread (wait set, take, decode)");
            long totalLost = 0;
            for (int c = 0; c < cameras; c++) {
                String sent = peers.get(c).expect("sent", Duration.ofSeconds(30));
                long lost = gaps[c] + Math.max(0, expected - 1 - lastFrame[c]);
                totalLost += lost;
                System.out.printf("  cam%d: publisher '%s', received %d, lost %d, dropped by the decoder %d%n", c, sent, received[c], lost,
                        subs.get(c).counters().droppedTotal());
            }
            System.out.printf("  total lost %d of %d frames%n", totalLost, (long) expected * cameras);
            System.out.printf("  latency stamp->decoded: p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n", latency.getValueAtPercentile(50) / 1e6,
                    latency.getValueAtPercentile(90) / 1e6, latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6);
            System.out.printf("  JVM process CPU %.1f %% of one core over %.1f s (%.1f MB/s received)%n", 100 * cpu / elapsed, elapsed,
                    (double) java.util.Arrays.stream(received).sum() * WIDTH * HEIGHT * 3 / elapsed / 1e6);
            ws.close();
        } finally {
            for (PeerProcess p : peers) {
                p.close();
            }
        }
    }

    private static long processCpuNs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
