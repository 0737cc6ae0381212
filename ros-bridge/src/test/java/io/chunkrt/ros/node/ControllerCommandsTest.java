package io.chunkrt.ros.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.card.CardLoader;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.chunking.ActionInterpolator;
import io.chunkrt.chunking.ChunkExecutor;
import io.chunkrt.chunking.ExecutorFactory;
import io.chunkrt.control.ControlLoop;
import io.chunkrt.control.InferenceService;
import io.chunkrt.control.LoopStats;
import io.chunkrt.policy.ActionChunk;
import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.SampleFault;
import io.chunkrt.ros.msg.Float64MultiArrayCodec;
import io.chunkrt.ros.msg.Float64MultiArrayMessage;
import io.chunkrt.ros.msg.JointTrajectoryCodec;
import io.chunkrt.ros.msg.JointTrajectoryMessage;
import io.chunkrt.ros.msg.RosMessageType;
import io.chunkrt.ros.params.CommandOutput;
import io.chunkrt.ros.peer.TestPeers;
import io.chunkrt.ros.testing.AllocationMeter;
import io.chunkrt.ros.testing.Waits;
import io.chunkrt.ros.transport.OutboundRing;
import io.chunkrt.ros.transport.PublishStatus;
import io.chunkrt.ros.transport.PublisherThread;
import io.chunkrt.ros.transport.QosProfile;
import io.chunkrt.ros.transport.RosPublisher;
import io.chunkrt.safety.JointLimits;
import io.chunkrt.safety.SafetyConfig;
import io.chunkrt.replay.bag.MessageCursor;
import io.chunkrt.replay.bag.RosBag;
import io.chunkrt.replay.bag.Rosbag2Writer;
import io.chunkrt.replay.record.ChunkArrivals;
import io.chunkrt.replay.record.FlightRecorder;
import io.chunkrt.replay.record.LoopEventMonitor;
import io.chunkrt.replay.record.RecorderChannel;
import io.chunkrt.ros.record.BagFlightLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What controllers receive from the control loop: a forward controller its joints in its order; a joint
 * trajectory controller the command one period ahead and then the planned actions at their step times, within the
 * limits, and a single holding point when the safety layer intervenes or commands stop. The flow_velocity card's
 * executor (queue, 10 Hz actions, 50 Hz control) on virtual time with scripted chunks; the publisher thread
 * drains into a publisher that decodes what it is given (DDS is not what this test is about).
 */
class ControllerCommandsTest {
    private static final long PERIOD_NS = 20_000_000L;
    private static final long STEP_NS = 100_000_000L;
    private static final double LIMIT = 2.0;
    private static final double V_MAX = 1.0;
    private static final double A_MAX = 10.0;
    private static final List<String> JOINTS = List.of("joint_1", "joint_2", "joint_3", "joint_4", "joint_5", "joint_6");

    /** Decodes every sample it is asked to publish (or only counts them). */
    private static final class CapturingPublisher<M> implements RosPublisher {
        private final String topic;
        private final RosMessageType type;
        private final java.util.function.Supplier<M> fresh;
        private final io.chunkrt.ros.msg.MessageCodec<M> codec;
        private final List<M> captured = new ArrayList<>();
        private volatile boolean decode = true;
        private volatile long count;

        CapturingPublisher(String topic, io.chunkrt.ros.msg.MessageCodec<M> codec, java.util.function.Supplier<M> fresh) {
            this.topic = topic;
            this.type = codec.type();
            this.codec = codec;
            this.fresh = fresh;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public RosMessageType type() {
            return type;
        }

        @Override
        public QosProfile qos() {
            return QosProfile.COMMANDS;
        }

        @Override
        public PublishStatus publish(byte[] cdr, int offset, int length) {
            if (decode) {
                M m = fresh.get();
                assertEquals(SampleFault.NONE, codec.decode(new CdrReader(), cdr, offset, length, m));
                synchronized (captured) {
                    captured.add(m);
                }
            }
            count++;
            return PublishStatus.OK;
        }

        List<M> captured() {
            synchronized (captured) {
                return List.copyOf(captured);
            }
        }

        void clear() {
            synchronized (captured) {
                captured.clear();
            }
        }

        @Override
        public int matchedSubscriptions() {
            return 1;
        }

        @Override
        public void close() {}
    }

    /** Answers each request at once with rows {@code row(k, joint)}, stamped at the request. */
    private static final class ScriptedInference implements InferenceService {
        private final ToDoubleBiFunction<Integer, Integer> row;
        private long requestedAt = Long.MIN_VALUE;

        ScriptedInference(ToDoubleBiFunction<Integer, Integer> row) {
            this.row = row;
        }

        @Override
        public void request(long nowNs, float[] prefix, int prefixSteps) {
            requestedAt = nowNs;
        }

        @Override
        public boolean poll(ActionChunk out) {
            if (requestedAt == Long.MIN_VALUE) {
                return false;
            }
            for (int k = 0; k < out.horizon(); k++) {
                for (int j = 0; j < out.actionDim(); j++) {
                    out.values()[k * out.actionDim() + j] = (float) row.applyAsDouble(k, j);
                }
            }
            out.observationStampNs(requestedAt);
            requestedAt = Long.MIN_VALUE;
            return true;
        }

        @Override
        public boolean busy() {
            return false;
        }
    }

    private final PolicyCard card = CardLoader.load(TestPeers.repo().resolve("models/flow_velocity/card.yaml"));
    private final SafetyConfig safety = new SafetyConfig(JOINTS.stream().map(j -> new JointLimits(j, -LIMIT, LIMIT, V_MAX, A_MAX)).toList(), 0.5,
            100_000_000L, 50_000_000L, 1_000_000_000L);
    private final PublisherThread publisher = new PublisherThread("test-publisher");
    private final CapturingPublisher<Float64MultiArrayMessage> forward = new CapturingPublisher<>("/fwd/commands", Float64MultiArrayCodec.INSTANCE,
            () -> new Float64MultiArrayMessage(16, 4));
    private final CapturingPublisher<JointTrajectoryMessage> trajectory = new CapturingPublisher<>("/arm/joint_trajectory", JointTrajectoryCodec.INSTANCE,
            () -> new JointTrajectoryMessage(8, 8));
    private final OutboundRing forwardRing = publisher.register(forward, 64, 512);
    private final OutboundRing trajectoryRing = publisher.register(trajectory, 64, 4096);
    private final ControllerCommands commands = new ControllerCommands(List.of(new CommandOutput.ForwardCommand("fwd", "/fwd/commands", List.of("joint_3", "joint_1")),
            new CommandOutput.JointTrajectory("arm", "/arm/joint_trajectory", List.of("joint_6", "joint_2", "joint_4", "joint_5"), 5)),
            List.of(forwardRing, trajectoryRing), JOINTS, safety, PERIOD_NS);
    private final double[] measured = new double[6];
    private ControlLoop loop;
    private long nowNs = 5_000_000_000L;

    private void build(ToDoubleBiFunction<Integer, Integer> rows) {
        ChunkExecutor executor = ExecutorFactory.create(card, card.execution());
        loop = new ControlLoop(executor, new ActionInterpolator(card.execution().interpolation(), 6), new io.chunkrt.safety.SafetyFilter(safety, PERIOD_NS),
                (now, out) -> {
                    System.arraycopy(measured, 0, out, 0, 6);
                    return now;
                }, commands, new ScriptedInference(rows), new LoopStats(), card.output().horizon(), 6, STEP_NS, 50_000_000L, 1_000_000_000L, 0);
        commands.attach(loop, executor);
        publisher.start();
    }

    private void run(int ticks) {
        for (int k = 0; k < ticks; k++) {
            nowNs += PERIOD_NS;
            loop.tick(nowNs);
            System.arraycopy(loop.lastCommand(), 0, measured, 0, 6); // the arm follows exactly
            while (forwardRing.pending() > 32 || trajectoryRing.pending() > 32) {
                Thread.onSpinWait(); // virtual time runs far faster than the publisher thread decodes
            }
        }
        Waits.until("the publisher thread to drain", Duration.ofSeconds(10), () -> forwardRing.pending() == 0 && trajectoryRing.pending() == 0);
    }

    @AfterEach
    void stop() {
        publisher.close();
    }

    /** A slow ramp: 0.01 rad per action step (0.1 rad/s), all joints. */
    private static double ramp(int k, int joint) {
        return 0.01 * k;
    }

    @Test
    void aForwardControllerGetsItsJointsInItsOwnOrder() {
        build(ControllerCommandsTest::ramp);
        run(100);
        Float64MultiArrayMessage last = forward.captured().getLast();
        assertEquals(2, last.dataLength());
        assertEquals(loop.lastCommand()[2], last.data()[0], "joint_3 first, as the controller lists it");
        assertEquals(loop.lastCommand()[0], last.data()[1]);
        assertEquals(0, forwardRing.droppedFull() + trajectoryRing.droppedFull());
    }

    @Test
    void aTrajectoryControllerGetsTheCommandThenThePlannedActionsAtTheirStepTimes() {
        build(ControllerCommandsTest::ramp);
        run(100);
        JointTrajectoryMessage last = trajectory.captured().getLast();
        assertTrue(last.header.stamp.isZero(), "stamp 0: start now");
        assertEquals(List.of("joint_6", "joint_2", "joint_4", "joint_5"), List.of(last.jointName(0).toString(), last.jointName(1).toString(),
                last.jointName(2).toString(), last.jointName(3).toString()));
        assertEquals(5, last.pointCount(), "the command and four planned actions");
        assertEquals(PERIOD_NS, last.point(0).timeFromStart.toNanos());
        assertEquals(loop.lastCommand()[5], last.point(0).positions()[0], "point 0 is the safe command, in the controller's order");
        assertEquals(loop.lastCommand()[1], last.point(0).positions()[1]);
        for (int k = 2; k < last.pointCount(); k++) {
            assertEquals(STEP_NS, last.point(k).timeFromStart.toNanos() - last.point(k - 1).timeFromStart.toNanos(), "one action step apart");
            assertEquals(0.01, last.point(k).positions()[0] - last.point(k - 1).positions()[0], 1e-6, "the planned ramp");
        }
        assertTrue(last.point(1).timeFromStart.toNanos() > PERIOD_NS && last.point(1).timeFromStart.toNanos() <= PERIOD_NS + STEP_NS,
                "the next action step's start: " + last.point(1).timeFromStart);
        for (JointTrajectoryMessage m : trajectory.captured()) {
            for (int k = 1; k < m.pointCount(); k++) {
                assertTrue(m.point(k).timeFromStart.toNanos() > m.point(k - 1).timeFromStart.toNanos(), "time_from_start strictly increases");
            }
        }
    }

    @Test
    void plannedPointsNeverBreakTheLimitsTheTrajectoryEndsBeforeTheFirstThatWould() {
        // from action step 8 on, the plan jumps far: 1.9 rad in one step is 17 rad/s
        build((k, j) -> k < 8 ? 0.01 * k : 1.9);
        run(200);
        int truncated = 0;
        for (JointTrajectoryMessage m : trajectory.captured()) {
            for (int k = 1; k < m.pointCount(); k++) {
                double dt = (m.point(k).timeFromStart.toNanos() - m.point(k - 1).timeFromStart.toNanos()) * 1e-9;
                for (int i = 0; i < 4; i++) {
                    double p = m.point(k).positions()[i];
                    assertTrue(Math.abs(p) <= LIMIT && Math.abs(p - m.point(k - 1).positions()[i]) / dt <= V_MAX + 1e-9, "point " + k + " joint " + i);
                }
            }
            if (m.pointCount() > 1 && m.pointCount() < 5) {
                truncated++;
            }
        }
        assertTrue(truncated > 0, "some trajectories ended early, before the jump");
    }

    @Test
    void whenTheSafetyLayerIntervenesOnlyTheCommandIsSentAndStoppingHoldsTheLastOne() {
        build(ControllerCommandsTest::ramp);
        run(4);
        assertTrue(trajectory.captured().stream().allMatch(m -> m.pointCount() == 1), "soft start is an intervention: the command alone");
        run(100);
        loop.safety().requestEstop();
        trajectory.clear();
        run(20);
        assertTrue(trajectory.captured().stream().allMatch(m -> m.pointCount() == 1), "holding on an e-stop: the command alone");
        loop.enabled(false);
        trajectory.clear();
        forward.clear();
        run(10);
        assertEquals(1, trajectory.captured().size(), "one message when commands stop");
        JointTrajectoryMessage hold = trajectory.captured().getFirst();
        assertEquals(1, hold.pointCount());
        assertEquals(loop.lastCommand()[5], hold.point(0).positions()[0]);
        assertEquals(PERIOD_NS, hold.point(0).timeFromStart.toNanos());
        assertEquals(0, forward.captured().size(), "a forward controller keeps its last command by itself");
    }

    @Test
    void tenThousandTicksWithBothControllerTypesAllocateNothingOnTheControlThread() {
        build((k, j) -> 0.5 * Math.sin(0.2 * k + j));
        forward.decode = false;
        trajectory.decode = false;
        long[] windows = new long[5];
        run(20_000);
        for (int w = 0; w < windows.length; w++) {
            long before = AllocationMeter.currentThread();
            for (int k = 0; k < 10_000; k++) {
                nowNs += PERIOD_NS;
                loop.tick(nowNs);
                System.arraycopy(loop.lastCommand(), 0, measured, 0, 6);
                while (trajectoryRing.pending() > 32) {
                    Thread.onSpinWait();
                }
            }
            windows[w] = AllocationMeter.currentThread() - before;
            if (windows[w] == 0) {
                break;
            }
        }
        assertEquals(0, java.util.Arrays.stream(windows).min().orElseThrow(), "bytes per window of 10 000 ticks: " + java.util.Arrays.toString(windows));
        assertTrue(trajectory.count > 20_000);
    }

    @Test
    void recordingEveryPublishedControllerMessageAndTheLoopsDecisionsAllocatesNothingOnTheControlThread(@TempDir Path tmp) {
        FlightRecorder.Builder b = FlightRecorder.builder();
        int[] topics = {b.serialized("/fwd/commands", Float64MultiArrayCodec.TYPE.rosName()), b.serialized("/arm/joint_trajectory", JointTrajectoryCodec.TYPE.rosName())};
        RecorderChannel control = b.channel("control", 64 << 20);
        Path bagDir = tmp.resolve("flight");
        FlightRecorder recorder = b.start(new BagFlightLog(bagDir, Rosbag2Writer.Options.defaults()));
        commands.recordTo(control, topics);
        ChunkExecutor executor = ExecutorFactory.create(card, card.execution());
        io.chunkrt.safety.SafetyFilter safetyFilter = new io.chunkrt.safety.SafetyFilter(safety, PERIOD_NS);
        ChunkArrivals arrivals = new ChunkArrivals(new ScriptedInference((k, j) -> 0.5 * Math.sin(0.2 * k + j)));
        LoopStats stats = new LoopStats();
        loop = new ControlLoop(executor, new ActionInterpolator(card.execution().interpolation(), 6), safetyFilter, (now, out) -> {
            System.arraycopy(measured, 0, out, 0, 6);
            return now;
        }, commands, arrivals, stats, card.output().horizon(), 6, STEP_NS, 50_000_000L, 1_000_000_000L, 0);
        commands.attach(loop, executor);
        LoopEventMonitor events = new LoopEventMonitor(control, stats, safetyFilter.faults(), arrivals, null);
        publisher.start();
        forward.decode = false;
        trajectory.decode = false;
        long[] windows = new long[5];
        int measuredWindows = 0;
        recordingTicks(events, 20_000);
        for (int w = 0; w < windows.length; w++, measuredWindows++) {
            long before = AllocationMeter.currentThread();
            recordingTicks(events, 10_000);
            windows[w] = AllocationMeter.currentThread() - before;
            if (windows[w] == 0) {
                measuredWindows++;
                break;
            }
        }
        commands.stopped(nowNs);
        Waits.until("the publisher thread to drain", Duration.ofSeconds(10), () -> forwardRing.pending() == 0 && trajectoryRing.pending() == 0);
        recorder.close();
        long[] shown = java.util.Arrays.copyOf(windows, measuredWindows);
        System.out.printf("node flight recording on the control thread: bytes per window of 10000 ticks %s; %d records, %d dropped%n",
                java.util.Arrays.toString(shown), control.recorded(), control.dropped());
        assertEquals(0, java.util.Arrays.stream(shown).min().orElseThrow(), "bytes per window of 10 000 ticks: " + java.util.Arrays.toString(shown));
        assertEquals(0, control.dropped(), "a 64 MiB ring drops nothing here");
        try (RosBag bag = RosBag.open(bagDir)) {
            assertEquals(forwardRing.published(), bag.storageCounts().get("/fwd/commands"), "every forward command published is in the bag");
            assertEquals(trajectoryRing.published(), bag.storageCounts().get("/arm/joint_trajectory"), "every trajectory published is in the bag");
            assertTrue(bag.storageCounts().get("/chunkrt/events") > 100, "chunk arrivals were recorded: " + bag.storageCounts());
            try (MessageCursor c = bag.messages(java.util.Set.of("/arm/joint_trajectory"))) {
                JointTrajectoryMessage m = new JointTrajectoryMessage(8, 8);
                int n = 0;
                while (c.next()) {
                    byte[] cdr = c.payloadCopy();
                    assertEquals(SampleFault.NONE, JointTrajectoryCodec.INSTANCE.decode(new CdrReader(), cdr, 0, cdr.length, m));
                    assertEquals(List.of("joint_6", "joint_2", "joint_4", "joint_5"), java.util.stream.IntStream.range(0, m.jointCount())
                            .mapToObj(k -> m.jointName(k).toString()).toList());
                    n++;
                }
                assertEquals(trajectoryRing.published(), n);
            }
        }
    }

    private void recordingTicks(LoopEventMonitor events, int ticks) {
        for (int k = 0; k < ticks; k++) {
            nowNs += PERIOD_NS;
            loop.tick(nowNs);
            events.afterTick(nowNs);
            System.arraycopy(loop.lastCommand(), 0, measured, 0, 6);
            while (forwardRing.pending() > 32 || trajectoryRing.pending() > 32) {
                Thread.onSpinWait();
            }
        }
    }
}
