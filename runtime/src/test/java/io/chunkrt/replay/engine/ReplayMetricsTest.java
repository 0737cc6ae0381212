package io.chunkrt.replay.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.card.ExecutionSettings;
import io.chunkrt.replay.metrics.JointMetrics;
import io.chunkrt.replay.metrics.ReplayMetrics;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Every figure of a small replay worked out by hand. */
class ReplayMetricsTest {
    private static final long MS = 1_000_000L;

    static ReplayResult result(CommandLog commands, ActionLog actions, long periodNs) {
        EpisodeLayout layout = new EpisodeLayout("hand-made", 0, 40 * MS, List.of(), List.of(), commands.joints());
        Histogram h = new Histogram(60_000_000_000L, 3);
        return new ReplayResult("card.yaml", layout, ReplaySettings.defaults(ExecutionSettings.queue(1)), periodNs, periodNs, commands, actions, h, h, h,
                Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), List.of(), 0, commands.timeNs(commands.count() - 1), 1);
    }

    @Test
    void errorsStepsJerkAndSeamsAreWhatTheirFormulasGive() {
        CommandLog c = new CommandLog(List.of("a", "b"), 4);
        double[] a = {0, 1, 2, 4, 8};
        for (int k = 0; k < a.length; k++) {
            c.write(new double[] {a[k], 0}, k * 10 * MS);
            if (k % 2 == 0) {
                c.flag(CommandLog.CHUNK);
            }
        }
        ActionLog rec = new ActionLog(List.of("a", "b"), 2);
        rec.add(-5 * MS, new double[] {100, 100}, 2); // before the first command: not compared
        rec.add(0, new double[] {0.5, Double.NaN}, 2); // b not recorded
        rec.add(15 * MS, new double[] {1.0, 1.0}, 2); // the command in force is tick 1's
        rec.add(40 * MS, new double[] {9, 0}, 2);
        rec.add(55 * MS, new double[] {100, 100}, 2); // more than a period after the last command: not compared
        ReplayMetrics m = ReplayMetrics.of(result(c, rec, 10 * MS));

        assertEquals(3, m.compared());
        JointMetrics ja = m.joints().get(0);
        JointMetrics jb = m.joints().get(1);
        assertEquals(3, ja.samples());
        assertEquals(2, jb.samples());
        assertEquals(0.5, ja.mae(), 1e-15); // |0 - 0.5|, |1 - 1|, |8 - 9|
        assertEquals(Math.sqrt((0.25 + 0 + 1) / 3), ja.rmse(), 1e-15);
        assertEquals(1.0, ja.maxAbsError(), 1e-15);
        assertEquals(0.5, jb.mae(), 1e-15); // |0 - 1|, |0 - 0|
        assertEquals(Math.sqrt(0.5), jb.rmse(), 1e-15);
        assertEquals(0.5, m.mae(), 1e-15, "mean of the joints' MAEs");
        assertEquals(Math.sqrt((0.25 + 0 + 1 + 1 + 0) / 5), m.rmse(), 1e-15, "over every compared joint sample");
        assertEquals(1.0, m.maxAbsError(), 1e-15);

        assertEquals(4.0, ja.largestStep(), 1e-15);
        assertEquals(0.0, jb.largestStep(), 1e-15);
        // third differences at k = 3 and 4: (4 - 6 + 3 - 0) and (8 - 12 + 6 - 1), both 1, over dt^3 = 1e-6 s^3
        assertEquals(1e6, ja.rmsJerk(), 1e-6);
        assertEquals(1e6, ja.maxAbsJerk(), 1e-6);
        assertEquals(0.0, jb.rmsJerk(), 1e-15);

        // chunks accepted at ticks 2 and 4 (the first command has no step): steps 1 and 4; elsewhere ticks 1 and 3: 1 and 2
        assertEquals(2, m.seamTicks());
        assertEquals(2.5, m.meanSeamStep(), 1e-15);
        assertEquals(4.0, m.largestSeamStep(), 1e-15);
        assertEquals(1.5, m.meanInsideStep(), 1e-15);
        assertEquals(2.0, m.largestInsideStep(), 1e-15);
        assertEquals(4.0, ja.largestSeamStep(), 1e-15);
    }

    @Test
    void withoutRecordedActionsThereIsNothingToCompare() {
        CommandLog c = new CommandLog(List.of("a"), 4);
        c.write(new double[] {1}, 0);
        ReplayMetrics m = ReplayMetrics.of(result(c, new ActionLog(List.of("a"), 1), 10 * MS));
        assertEquals(0, m.compared());
        assertTrue(Double.isNaN(m.mae()) && Double.isNaN(m.joints().getFirst().mae()));
        assertTrue(Double.isNaN(m.joints().getFirst().largestStep()), "one command has no step");
    }
}
