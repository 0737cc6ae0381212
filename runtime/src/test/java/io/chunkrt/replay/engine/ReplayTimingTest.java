package io.chunkrt.replay.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.card.PolicyCard;
import io.chunkrt.control.LoopCounter;
import io.chunkrt.safety.JointLimits;
import io.chunkrt.safety.SafetyConfig;
import io.chunkrt.safety.SafetyFault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay clock models inference latency exactly, and the safety layer acts on replayed commands as it would live. */
class ReplayTimingTest {
    private static final long PERIOD_NS = 20_000_000L;

    @TempDir
    Path tmp;

    @Test
    void aModelledLatencyOfOneAndAHalfPeriodsMakesEveryChunkArriveTwoTicksAfterItsObservation() {
        PolicyCard card = TorchEpisodeReplayTest.replayCard();
        ReplayResult r = TorchEpisodeReplayTest.replay(card, ReplaySettings.defaults(card.execution()).withLatencyNs(30_000_000L));
        // request at tick 2k (observation 2k), visible at 2k + 1.5 periods, polled at tick 2k + 2; queue of one action:
        // ticks 2k + 2 execute it, the odd ticks in between have nothing left and hold
        assertEquals(99, r.loopCounters().get(LoopCounter.CHUNKS_ACCEPTED));
        assertEquals(101, r.loopCounters().get(LoopCounter.HOLD_TICKS));
        CommandLog c = r.commands();
        ActionLog a = r.actions();
        for (int k = 2; k < 200; k += 2) {
            assertTrue(c.has(k, CommandLog.CHUNK) && !c.has(k, CommandLog.HOLD), "tick " + k);
            assertTrue(c.has(k - 1, CommandLog.HOLD), "tick " + (k - 1));
            for (int j = 0; j < 14; j++) {
                // the chunk of observation k - 2 is what the torch policy computed for frame k - 1
                assertEquals(a.value(k - 1, j), c.command(k, j), 1e-5, "tick " + k + " joint " + j);
                assertEquals(c.command(k, j), c.command(k + 1 < 200 ? k + 1 : k, j), 0, "held on the next tick");
            }
        }
        assertEquals(2 * PERIOD_NS, c.timeNs(2) - c.timeNs(0));
        assertEquals(30.0, r.modelledLatencyNs().getValueAtPercentile(50) / 1e6, 0.05, "the modelled latency is recorded per inference");
    }

    @Test
    void givenLimitsTheSafetyLayerInterveneAndNoCommandBreaksThem() throws Exception {
        PolicyCard card = TorchEpisodeReplayTest.replayCard();
        List<JointLimits> limits = new ArrayList<>();
        for (String j : card.output().joints()) {
            limits.add(new JointLimits(j, -0.4, 0.4, 2.0, 40.0));
        }
        SafetyConfig safety = new SafetyConfig(limits, Double.NaN, 0, 100_000_000L, 1_000_000_000L);
        ReplayResult r = TorchEpisodeReplayTest.replay(card, ReplaySettings.defaults(card.execution()).withSafety(safety));
        assertTrue(r.safetyFaults().get(SafetyFault.POSITION_LIMIT) > 0, "the policy's actions leave ±0.4 rad");
        assertTrue(r.safetyFaults().get(SafetyFault.VELOCITY_LIMIT) + r.safetyFaults().get(SafetyFault.ACCELERATION_LIMIT) > 0);
        CommandLog c = r.commands();
        int flagged = 0;
        for (int i = 0; i < c.count(); i++) {
            flagged += c.has(i, CommandLog.SAFETY) ? 1 : 0;
            for (int j = 0; j < 14; j++) {
                assertTrue(Math.abs(c.command(i, j)) <= 0.4 + 1e-12, "position limit");
                if (i > 0) {
                    assertTrue(Math.abs(c.command(i, j) - c.command(i - 1, j)) <= 2.0 * 0.02 + 1e-12, "velocity limit");
                }
            }
        }
        assertTrue(flagged > 100, "ticks marked as changed by the safety layer: " + flagged);
        Path file = tmp.resolve("limits.yaml");
        Files.writeString(file, "default: {position: [-0.4, 0.4], velocity: 2.0, acceleration: 40.0}\n");
        SafetyConfig fromFile = SafetyLimitsFile.load(file, card.output().joints());
        ReplayResult again = TorchEpisodeReplayTest.replay(card, ReplaySettings.defaults(card.execution()).withSafety(fromFile));
        for (int i = 0; i < c.count(); i++) {
            for (int j = 0; j < 14; j++) {
                assertEquals(c.command(i, j), again.commands().command(i, j), 0, "the same limits from a file give the same commands");
            }
        }
    }
}
