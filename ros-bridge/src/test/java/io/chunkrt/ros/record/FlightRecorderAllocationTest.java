package io.chunkrt.ros.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.card.CardLoader;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.chunking.ActionInterpolator;
import io.chunkrt.chunking.ExecutorFactory;
import io.chunkrt.control.ControlLoop;
import io.chunkrt.control.LoopCounter;
import io.chunkrt.control.LoopStats;
import io.chunkrt.control.ObservationSource;
import io.chunkrt.control.ThreadedInference;
import io.chunkrt.fusion.image.PixelEncoding;
import io.chunkrt.policy.Policy;
import io.chunkrt.policy.onnx.OnnxPolicies;
import io.chunkrt.replay.bag.RosBag;
import io.chunkrt.replay.bag.Rosbag2Writer;
import io.chunkrt.replay.record.ChunkArrivals;
import io.chunkrt.replay.record.FlightRecorder;
import io.chunkrt.replay.record.LoopEventMonitor;
import io.chunkrt.replay.record.RecordedCommands;
import io.chunkrt.replay.record.RecorderChannel;
import io.chunkrt.ros.msg.Float64MultiArrayCodec;
import io.chunkrt.ros.msg.Float64MultiArrayMessage;
import io.chunkrt.ros.peer.TestPeers;
import io.chunkrt.ros.testing.AllocationMeter;
import io.chunkrt.safety.JointLimits;
import io.chunkrt.safety.SafetyConfig;
import io.chunkrt.safety.SafetyFilter;
import io.chunkrt.sim.SimulatedArm;
import io.chunkrt.time.ManualClock;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control thread records into the flight recorder without allocating or waiting: after warm-up, 10 000 ticks of
 * the real control loop (mlp_actor inferring on its own thread, queue executor, safety) that each record the measured
 * joints, a 64x48 rgb8 frame, the command (as JointState and as the controller's Float64MultiArray CDR) and the
 * loop's decisions allocate 0 bytes on the control thread, while the recorder thread writes a real zstd MCAP bag.
 */
@Tag("allocation")
class FlightRecorderAllocationTest {
    private static final long PERIOD_NS = 5_000_000;

    @TempDir
    Path tmp;

    @Test
    void tenThousandRecordingTicksAllocateNothingOnTheControlThread() throws Exception {
        PolicyCard card = CardLoader.load(TestPeers.repo().resolve("models/mlp_actor/card.yaml"));
        List<String> joints = card.output().joints();
        int n = joints.size();
        List<JointLimits> limits = new ArrayList<>();
        for (String j : joints) {
            limits.add(new JointLimits(j, -2, 2, 1.5, 20));
        }
        SafetyConfig safetyConfig = new SafetyConfig(limits, 0.5, 50_000_000, 600_000_000_000L, 600_000_000_000L);
        FlightRecorder.Builder b = FlightRecorder.builder();
        int measuredTopic = b.jointStates("/joint_states", joints);
        int commandTopic = b.jointStates("/chunkrt/command", joints);
        int cameraTopic = b.image("/top/image_raw");
        int controllerTopic = b.serialized("/arm_controller/commands", "std_msgs/msg/Float64MultiArray");
        RecorderChannel channel = b.channel("control", 16 << 20);
        Path bagDir = tmp.resolve("flight");
        FlightRecorder recorder = b.start(new BagFlightLog(bagDir, Rosbag2Writer.Options.defaults()));

        ManualClock clock = new ManualClock(0);
        LoopStats stats = new LoopStats();
        SimulatedArm arm = new SimulatedArm(new double[n], 0.05, -2, 2);
        float[] state = new float[card.inputs().getFirst().elementCount()];
        double[] positions = new double[n];
        byte[] frame = new byte[64 * 48 * 3];
        ByteBuffer frameBuffer = ByteBuffer.wrap(frame);
        Float64MultiArrayMessage controller = new Float64MultiArrayMessage(n, 1);
        controller.setData(new double[n], n);
        byte[] controllerCdr = Float64MultiArrayCodec.INSTANCE.encodeToArray(controller);
        long attempted = 0;
        long[] windows = new long[3];
        int measured = 0;
        long before;
        long allocated;
        long chunks;
        try (Policy policy = OnnxPolicies.open(card, OnnxPolicies.Options.defaults())) {
            ObservationSource source = (out, nowNs) -> {
                arm.snapshot(positions);
                for (int i = 0; i < state.length; i++) {
                    state[i] = (float) positions[i % n];
                }
                out.putRaw(0, state);
                out.stampNs(clock.nanoTime());
                return true;
            };
            try (ThreadedInference threaded = new ThreadedInference(policy, source, clock, stats)) {
                ChunkArrivals inference = new ChunkArrivals(threaded);
                SafetyFilter safety = new SafetyFilter(safetyConfig, PERIOD_NS);
                ControlLoop loop = new ControlLoop(ExecutorFactory.create(card, card.execution()), new ActionInterpolator(card.execution().interpolation(), n),
                        safety, arm, new RecordedCommands(arm, channel, commandTopic), inference, stats, card.output().horizon(), n,
                        card.rates().policyPeriodNs(), safetyConfig.observationStaleNs(), safetyConfig.actionStaleNs(), 0);
                LoopEventMonitor monitor = new LoopEventMonitor(channel, stats, safety.faults(), inference, null);
                long now = 0;
                for (int k = 0; k < 20_000; k++) {
                    now = tick(loop, monitor, channel, clock, now, arm, positions, measuredTopic, cameraTopic, frameBuffer, controllerTopic, controllerCdr, k);
                }
                // a per-tick allocation shows in every window; a one-off from the JIT (a late deoptimization
                // rematerializing scalar-replaced objects) may not: up to three windows, the first clean one counts
                allocated = -1;
                chunks = 0;
                for (int w = 0; w < windows.length && allocated != 0; w++, measured++) {
                    long chunksBefore = stats.get(LoopCounter.CHUNKS_ACCEPTED);
                    long recordedBefore = channel.recorded() + channel.dropped();
                    before = AllocationMeter.currentThread();
                    for (int k = 0; k < 10_000; k++) {
                        now = tick(loop, monitor, channel, clock, now, arm, positions, measuredTopic, cameraTopic, frameBuffer, controllerTopic, controllerCdr, k);
                    }
                    allocated = windows[w] = AllocationMeter.currentThread() - before;
                    chunks = stats.get(LoopCounter.CHUNKS_ACCEPTED) - chunksBefore;
                    attempted = channel.recorded() + channel.dropped() - recordedBefore;
                }
            }
        }
        recorder.close();
        System.out.printf("flight recorder on the control thread: bytes per window of 10000 ticks %s, %d chunks, %d records (%d dropped in all)%n",
                java.util.Arrays.toString(java.util.Arrays.copyOf(windows, measured)), chunks, attempted, channel.dropped());
        assertEquals(0, allocated, "bytes allocated by the control thread");
        assertTrue(chunks > 1000, "chunks kept arriving: " + chunks);
        assertTrue(attempted >= 40_000, "four records a tick and the decisions: " + attempted);
        try (RosBag bag = RosBag.open(bagDir)) {
            long total = bag.storageCounts().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(recorder.delivered() + (channel.dropped() > 0 ? 1 : 0), total, "the bag holds what the recorder delivered");
            assertTrue(bag.storageCounts().get("/chunkrt/events") > 0, "decisions were recorded");
        }
    }

    private static long tick(ControlLoop loop, LoopEventMonitor monitor, RecorderChannel channel, ManualClock clock, long now, SimulatedArm arm,
            double[] positions, int measuredTopic, int cameraTopic, ByteBuffer frame, int controllerTopic, byte[] controllerCdr, int k) {
        now += PERIOD_NS;
        clock.set(now);
        arm.snapshot(positions);
        channel.jointState(measuredTopic, now, now, positions, positions.length);
        frame.put(k % frame.capacity(), (byte) k);
        channel.image(cameraTopic, now, now, PixelEncoding.RGB8, 64, 48, 64 * 3, false, frame);
        loop.tick(now);
        channel.serialized(controllerTopic, now, controllerCdr, 0, controllerCdr.length);
        monitor.afterTick(now);
        long until = System.nanoTime() + 50_000;
        while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
        return now;
    }
}
