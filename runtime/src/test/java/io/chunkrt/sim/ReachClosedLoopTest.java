package io.chunkrt.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.card.CardLoader;
import io.chunkrt.card.ExecutionSettings;
import io.chunkrt.card.ExecutorKind;
import io.chunkrt.chunking.Interpolation;
import io.chunkrt.control.LoopCounter;
import io.chunkrt.testing.TestPaths;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Deterministic closed loop on the virtual clock: the demo policy drives the simulated arm to its target; with
 * an injected inference delay of 150 ms, async splicing keeps the command trajectory continuous while the plain
 * queue stalls or jumps.
 */
class ReachClosedLoopTest {
    private static final Path CARD = TestPaths.models().resolve("demo_reach/card.yaml");

    private static ReachDemo.Result run(ExecutorKind executor, long latencyNs, long seed) {
        ExecutionSettings execution = CardLoader.load(CARD).execution().withExecutor(executor).withInterpolation(Interpolation.LINEAR);
        return ReachDemo.run(new ReachDemo.Settings(CARD, 10, seed, execution, latencyNs));
    }

    @Test
    void demoPolicyReachesItsTargetOnTheVirtualClock() {
        for (long seed = 1; seed <= 5; seed++) {
            ReachDemo.Result r = run(ExecutorKind.QUEUE, 0, seed);
            System.out.printf("seed %d: final distance %.4f rad%n", seed, r.finalErrorRad());
            assertTrue(r.success(), "seed " + seed + ": final distance " + r.finalErrorRad());
        }
    }

    @Test
    void sameSeedGivesTheSameCommandsEveryRun() {
        ReachDemo.Result a = run(ExecutorKind.ASYNC_SPLICING, 150_000_000, 3);
        ReachDemo.Result b = run(ExecutorKind.ASYNC_SPLICING, 150_000_000, 3);
        assertArrayEquals(a.finalPose(), b.finalPose());
    }

    @Test
    void asyncSplicingStaysContinuousAtSeamsWhereThePlainQueueStallsOrJumps() {
        long latencyNs = 150_000_000;
        ReachDemo.Result async = run(ExecutorKind.ASYNC_SPLICING, latencyNs, 2);
        ReachDemo.Result queue = run(ExecutorKind.QUEUE, latencyNs, 2);
        // a seam is the action period (5 control ticks at 10 Hz / 50 Hz) after a chunk is taken; skip the soft start
        int window = 5;
        int skip = 25;
        CommandTrace.Continuity a = async.trace().continuity(window, skip);
        CommandTrace.Continuity q = queue.trace().continuity(window, skip);
        int asyncStalls = async.trace().stalledTicks(skip);
        int queueStalls = queue.trace().stalledTicks(skip);
        long asyncHolds = async.stats().get(LoopCounter.HOLD_TICKS);
        long queueHolds = queue.stats().get(LoopCounter.HOLD_TICKS);
        System.out.printf("150 ms inference delay, largest command step (rad, max over joints):%n");
        System.out.printf("  async splicing: at seams %.5f, inside chunks %.5f, hold ticks %d, motionless ticks %d, final distance %.4f%n",
                a.largestSeamStep(), a.largestInChunkStep(), asyncHolds, asyncStalls, async.finalErrorRad());
        System.out.printf("  plain queue:    at seams %.5f, inside chunks %.5f, hold ticks %d, motionless ticks %d, final distance %.4f%n",
                q.largestSeamStep(), q.largestInChunkStep(), queueHolds, queueStalls, queue.finalErrorRad());
        assertTrue(a.largestSeamStep() <= a.largestInChunkStep(),
                "async seam step " + a.largestSeamStep() + " exceeds the largest in-chunk step " + a.largestInChunkStep());
        assertTrue(async.success(), "async splicing still reaches the target: " + async.finalErrorRad());
        boolean queueStalled = queueHolds > asyncHolds;
        boolean queueJumped = q.largestSeamStep() > q.largestInChunkStep();
        assertTrue(queueStalled || queueJumped, "the plain queue neither stalled (" + queueHolds + " hold ticks) nor jumped ("
                + q.largestSeamStep() + " vs " + q.largestInChunkStep() + ")");
    }
}
