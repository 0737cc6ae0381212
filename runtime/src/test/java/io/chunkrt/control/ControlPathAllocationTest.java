package io.chunkrt.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.card.PolicyCard;
import io.chunkrt.chunking.ActionInterpolator;
import io.chunkrt.chunking.ExecutorFactory;
import io.chunkrt.chunking.Interpolation;
import io.chunkrt.policy.Policy;
import io.chunkrt.policy.onnx.OnnxPolicies;
import io.chunkrt.safety.JointLimits;
import io.chunkrt.safety.SafetyConfig;
import io.chunkrt.safety.SafetyFilter;
import io.chunkrt.sim.SimulatedArm;
import io.chunkrt.testing.ReferenceFiles;
import io.chunkrt.time.ManualClock;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * After warm-up, 10 000 ticks of the full control path — chunk hand-off, executor (ACT temporal ensembling
 * over 100-step chunks of 14 joints), interpolation, safety, command write — allocate 0 bytes on the control
 * thread, while a real ONNX policy infers on its own thread.
 */
@Tag("allocation")
class ControlPathAllocationTest {
    private static final long PERIOD_NS = 20_000_000;

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void tenThousandTicksAllocateNothingOnTheControlThread(Interpolation interpolation) {
        ReferenceFiles ref = new ReferenceFiles("act_like");
        PolicyCard card = ref.card("card");
        int joints = card.output().actionDim();
        List<JointLimits> limits = new ArrayList<>();
        for (String name : card.output().joints()) {
            limits.add(new JointLimits(name, -3, 3, 2, 20));
        }
        // staleness limits far above any real inference delay on a loaded machine: this test is about allocation,
        // and a branch first taken during the measurement would be deoptimized (rematerializing objects)
        SafetyConfig safetyConfig = new SafetyConfig(limits, 0.5, 100_000_000, 600_000_000_000L, 600_000_000_000L);
        ManualClock clock = new ManualClock(0);
        LoopStats stats = new LoopStats();
        SimulatedArm arm = new SimulatedArm(new double[joints], 0.05, -3, 3);
        var sun = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Policy policy = OnnxPolicies.open(card, OnnxPolicies.Options.defaults())) {
            float[][] raw = new float[policy.observation().size()][];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = ref.floats("input." + policy.observation().spec(i).name() + ".npy");
            }
            ObservationSource source = (out, nowNs) -> {
                for (int i = 0; i < raw.length; i++) {
                    out.putRaw(i, raw[i]);
                }
                out.stampNs(clock.nanoTime());
                return true;
            };
            try (ThreadedInference inference = new ThreadedInference(policy, source, clock, stats)) {
                ControlLoop loop = new ControlLoop(ExecutorFactory.create(card, card.execution()), new ActionInterpolator(interpolation, joints),
                        new SafetyFilter(safetyConfig, PERIOD_NS), arm, arm, inference, stats, card.output().horizon(), joints,
                        card.rates().policyPeriodNs(), safetyConfig.observationStaleNs(), safetyConfig.actionStaleNs(), 0);
                long now = 0;
                // long enough for C2 to settle: a deoptimization during the window would rematerialize scalar-replaced objects
                for (int k = 0; k < 20_000; k++) {
                    now = tick(loop, clock, now);
                }
                // A per-tick allocation shows in every window. A window may still catch a one-off from the JIT
                // (a late deoptimization rematerializes scalar-replaced objects), so up to three windows are
                // measured and the steady state is the first that allocates nothing.
                long[] windows = new long[3];
                long chunks = 0;
                long allocated = -1;
                int measured = 0;
                for (int w = 0; w < windows.length && allocated != 0; w++, measured++) {
                    long chunksBefore = stats.get(LoopCounter.CHUNKS_ACCEPTED);
                    long before = sun.getCurrentThreadAllocatedBytes();
                    for (int k = 0; k < 10_000; k++) {
                        now = tick(loop, clock, now);
                    }
                    allocated = windows[w] = sun.getCurrentThreadAllocatedBytes() - before;
                    chunks = stats.get(LoopCounter.CHUNKS_ACCEPTED) - chunksBefore;
                }
                System.out.printf("control path (%s): bytes per window of 10000 ticks %s, %d chunks accepted in the last%n", interpolation,
                        java.util.Arrays.toString(java.util.Arrays.copyOf(windows, measured)), chunks);
                assertEquals(0, allocated, "bytes allocated by the control thread in every window: " + java.util.Arrays.toString(java.util.Arrays.copyOf(windows, measured)));
                assertTrue(chunks > 100, "chunks kept arriving during the measurement: " + chunks);
            }
        }
    }

    /** One virtual period per tick; a short real-time spin gives the inference thread time to deliver. */
    private static long tick(ControlLoop loop, ManualClock clock, long now) {
        now += PERIOD_NS;
        clock.set(now);
        loop.tick(now);
        long until = System.nanoTime() + 100_000;
        while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
        return now;
    }
}
