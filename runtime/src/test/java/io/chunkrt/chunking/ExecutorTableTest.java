package io.chunkrt.chunking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.policy.ActionChunk;
import org.junit.jupiter.api.Test;

/** Hand-computed expectations for each executor, one joint, small chunks. */
class ExecutorTableTest {
    private static ActionChunk chunk(double... values) {
        ActionChunk c = new ActionChunk(values.length, 1);
        for (int i = 0; i < values.length; i++) {
            c.values()[i] = (float) values[i];
        }
        return c;
    }

    private static double actionAt(ChunkExecutor e, long step) {
        assertTrue(e.advance(step), "an action at step " + step);
        double[] out = new double[1];
        e.action(0, out);
        return out[0];
    }

    @Test
    void queueRunsNActionStepsFromTheSliceThenAsksAgain() {
        QueueExecutor q = new QueueExecutor(4, 1, 2, 0);
        assertTrue(q.wantsInference(0));
        q.accept(chunk(10, 11, 12, 13), 0, 0);
        assertFalse(q.wantsInference(0));
        assertEquals(10, actionAt(q, 0));
        assertEquals(11, actionAt(q, 1));
        assertTrue(q.wantsInference(1), "asks while the last queued action executes");
        assertFalse(q.advance(2), "holds when the next chunk is late");
    }

    @Test
    void queueOfADiffusionPolicyStartsAtNObsStepsMinusOne() {
        QueueExecutor q = new QueueExecutor(4, 1, 2, 1);
        q.accept(chunk(10, 11, 12, 13), 0, 0);
        assertEquals(11, actionAt(q, 0));
        assertEquals(12, actionAt(q, 1));
    }

    @Test
    void queuePeeksAheadForInterpolation() {
        QueueExecutor q = new QueueExecutor(4, 1, 3, 0);
        q.accept(chunk(1, 2, 3, 4), 0, 0);
        actionAt(q, 0);
        double[] out = new double[1];
        assertTrue(q.action(1, out));
        assertEquals(2, out[0]);
        assertTrue(q.action(2, out));
        assertEquals(3, out[0]);
        assertFalse(q.action(3, out));
    }

    @Test
    void temporalEnsemblingWithZeroCoefficientAveragesEveryPrediction() {
        TemporalEnsembler t = new TemporalEnsembler(3, 1, 0.0);
        t.accept(chunk(1, 2, 3), 0, 0);
        assertEquals(1, actionAt(t, 0));
        t.accept(chunk(10, 20, 30), 1, 1);
        assertEquals((2 + 10) / 2.0, actionAt(t, 1), 1e-12);
        t.accept(chunk(100, 200, 300), 2, 2);
        assertEquals((3 + 20 + 100) / 3.0, actionAt(t, 2), 1e-12);
    }

    @Test
    void temporalEnsemblingWeightsTheOldestPredictionMost() {
        double k = 0.5;
        TemporalEnsembler t = new TemporalEnsembler(2, 1, k);
        t.accept(chunk(0, 1), 0, 0);
        actionAt(t, 0);
        t.accept(chunk(3, 9), 1, 1);
        // step 1: old prediction 1 with weight exp(0), new 3 with weight exp(-k)
        assertEquals((1 + 3 * Math.exp(-k)) / (1 + Math.exp(-k)), actionAt(t, 1), 1e-12);
    }

    @Test
    void temporalEnsemblingPlacesALateChunkOnTheStepsItWasMadeFor() {
        TemporalEnsembler t = new TemporalEnsembler(3, 1, 0.0);
        t.accept(chunk(1, 2, 3), 0, 0);
        actionAt(t, 0);
        t.accept(chunk(10, 20, 30), 0, 1); // observation at step 0, arrives for step 1: its index 0 is stale
        assertEquals((2 + 20) / 2.0, actionAt(t, 1), 1e-12);
        assertEquals((3 + 30) / 2.0, actionAt(t, 2), 1e-12);
    }

    @Test
    void recedingHorizonDropsActionsDueBeforeNowPlusLatency() {
        RecedingHorizonExecutor r = new RecedingHorizonExecutor(5, 1, 2, 0, 0, 1);
        r.accept(chunk(0, 1, 2, 3, 4), 10, 12); // due 10..14; earliest reachable 12 + 1 = 13
        assertFalse(r.advance(12), "nothing planned yet for step 12");
        assertEquals(3, actionAt(r, 13));
        assertEquals(4, actionAt(r, 14));
        assertFalse(r.advance(15));
    }

    @Test
    void recedingHorizonSchedulesTheLastActionWhenEveryActionIsLate() {
        RecedingHorizonExecutor r = new RecedingHorizonExecutor(5, 1, 2, 0, 0, 0);
        r.accept(chunk(0, 1, 2, 3, 4), 0, 10);
        assertEquals(4, actionAt(r, 10));
    }

    @Test
    void recedingHorizonAsksEveryNActionSteps() {
        RecedingHorizonExecutor r = new RecedingHorizonExecutor(8, 1, 3, 0, 0, 0);
        assertTrue(r.wantsInference(0));
        r.accept(chunk(0, 1, 2, 3, 4, 5, 6, 7), 0, 0);
        r.advance(0);
        assertFalse(r.wantsInference(2));
        assertTrue(r.wantsInference(3));
    }

    @Test
    void asyncSplicingContinuesFromTheConsumedStepsAndBlendsTheOverlap() {
        AsyncSplicingExecutor a = new AsyncSplicingExecutor(6, 1, 0, 0.5, SpliceAggregate.WEIGHTED_AVERAGE, Integer.MAX_VALUE);
        a.accept(chunk(0, 1, 2, 3, 4, 5), 0, 0);
        assertEquals(0, actionAt(a, 0));
        assertEquals(1, actionAt(a, 1));
        assertFalse(a.wantsInference(1), "4 remaining > 3");
        assertEquals(2, actionAt(a, 2));
        assertTrue(a.wantsInference(2), "3 remaining <= half the chunk");
        assertEquals(3, actionAt(a, 3));
        a.accept(chunk(20, 21, 22, 23, 24, 25), 2, 4); // observed at step 2, arrives for step 4: d = 2
        assertEquals(0.3 * 4 + 0.7 * 22, actionAt(a, 4), 1e-12);
        assertEquals(0.3 * 5 + 0.7 * 23, actionAt(a, 5), 1e-12);
        assertEquals(24, actionAt(a, 6));
        assertEquals(25, actionAt(a, 7));
    }

    @Test
    void asyncSplicingBlendWindowLimitsTheAggregatedSteps() {
        AsyncSplicingExecutor a = new AsyncSplicingExecutor(6, 1, 0, 0.5, SpliceAggregate.CONSERVATIVE, 1);
        a.accept(chunk(0, 1, 2, 3, 4, 5), 0, 0);
        actionAt(a, 0);
        a.accept(chunk(10, 11, 12, 13, 14, 15), 0, 1);
        assertEquals(0.7 * 1 + 0.3 * 11, actionAt(a, 1), 1e-12);
        assertEquals(12, actionAt(a, 2));
    }

    @Test
    void asyncSplicingLearnsTheLatencyButIgnoresTheSlowFirstChunk() {
        AsyncSplicingExecutor a = new AsyncSplicingExecutor(20, 1, 0, 0.1, SpliceAggregate.LATEST_ONLY, Integer.MAX_VALUE);
        a.accept(chunk(new double[20]), 0, 9); // cold start: 9 steps late
        assertEquals(0, a.latencyEstimateSteps());
        a.accept(chunk(new double[20]), 10, 13);
        assertEquals(3, a.latencyEstimateSteps());
    }

    @Test
    void asyncSplicingHandsThePlanAsPrefixStartingWithTheExecutingAction() {
        AsyncSplicingExecutor a = new AsyncSplicingExecutor(4, 1, 0, 0.5, SpliceAggregate.LATEST_ONLY, Integer.MAX_VALUE);
        a.accept(chunk(7, 8, 9, 10), 0, 0);
        actionAt(a, 0);
        float[] prefix = new float[4];
        assertEquals(3, a.plannedActions(0, 3, prefix));
        assertEquals(7, prefix[0]);
        assertEquals(8, prefix[1]);
        assertEquals(9, prefix[2]);
    }

    @Test
    void interpolationHitsEachWaypointAndIsLinearBetweenThem() {
        QueueExecutor q = new QueueExecutor(4, 1, 4, 0);
        q.accept(chunk(0, 2, 4, 8), 0, 0);
        ActionInterpolator linear = new ActionInterpolator(Interpolation.LINEAR, 1);
        ActionInterpolator hermite = new ActionInterpolator(Interpolation.CUBIC_HERMITE, 1);
        ActionInterpolator hold = new ActionInterpolator(Interpolation.HOLD, 1);
        linear.leavingStep(q);
        hermite.leavingStep(q);
        q.advance(0);
        double[] out = new double[1];
        linear.sample(q, 0.0, out);
        assertEquals(0, out[0]);
        linear.sample(q, 0.25, out);
        assertEquals(0.5, out[0], 1e-12);
        hold.sample(q, 0.75, out);
        assertEquals(0, out[0]);
        linear.leavingStep(q);
        hermite.leavingStep(q);
        q.advance(1);
        hermite.sample(q, 0.0, out);
        assertEquals(2, out[0], 1e-12);
        // Catmull-Rom through 0, 2, 4, 8 at the middle of [2, 4]: tangents (4-0)/2 = 2 and (8-2)/2 = 3
        hermite.sample(q, 0.5, out);
        assertEquals(0.5 * 2 + 0.125 * 2 + 0.5 * 4 - 0.125 * 3, out[0], 1e-12);
    }

    @Test
    void temporalEnsemblingAsksOncePerStepAndSurvivesManyChunksForOneStep() {
        TemporalEnsembler t = new TemporalEnsembler(3, 1, 0.01);
        assertTrue(t.wantsInference(0));
        assertFalse(t.wantsInference(0), "a fast model is not queried twice in one step");
        for (int k = 0; k < 10; k++) {
            t.accept(chunk(1, 1, 1), 0, 0); // more predictions for a step than the chunk is long
        }
        assertEquals(1, actionAt(t, 0), 1e-12);
        assertTrue(t.wantsInference(1));
    }
}
