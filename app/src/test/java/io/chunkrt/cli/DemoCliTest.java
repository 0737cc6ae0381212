package io.chunkrt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The README's main job: the demo drives the simulated arm on the wall clock and exits 0 on success. */
class DemoCliTest {
    @Test
    void demoReachesTheTargetAndPrintsLoopStatistics() {
        CliRun run = CliRun.of("demo", "--seconds", "4", "--card", RepoPaths.models().resolve("demo_reach/card.yaml").toString());
        assertEquals(0, run.status(), run.out() + run.err());
        for (String line : new String[] {"period error us:", "tick cost us:", "inference ms:", "safety interventions", "SUCCESS"}) {
            assertTrue(run.out().contains(line), line + " missing from:\n" + run.out());
        }
    }

    @Test
    void demoRunsWithAsyncSplicingAndCubicInterpolation() {
        CliRun run = CliRun.of("demo", "--seconds", "4", "--executor", "ASYNC_SPLICING", "--interpolation", "CUBIC_HERMITE", "--card",
                RepoPaths.models().resolve("demo_reach/card.yaml").toString());
        assertEquals(0, run.status(), run.out() + run.err());
    }
}
