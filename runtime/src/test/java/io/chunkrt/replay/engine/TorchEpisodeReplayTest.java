package io.chunkrt.replay.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.card.CardLoader;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.control.LoopCounter;
import io.chunkrt.replay.hdf5.AlohaEpisode;
import io.chunkrt.replay.hdf5.AlohaRecordedEpisode;
import io.chunkrt.replay.metrics.JointMetrics;
import io.chunkrt.replay.metrics.ReplayMetrics;
import io.chunkrt.safety.SafetyFault;
import io.chunkrt.testing.TestPaths;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * models/replay_episode/episode_0.hdf5 holds actions the act_like policy computed in torch (models/export_replay_episode.py),
 * one frame after the observation each came from; its card runs one action per chunk with hold interpolation. Replayed
 * through fusion, ONNX Runtime, the queue executor and the safety layer, the commands equal those actions within
 * 1e-6 (MAE): the replay path computes what an independent implementation of the same policy computes.
 */
class TorchEpisodeReplayTest {
    static Path episodeFile() {
        return TestPaths.models().resolve("replay_episode/episode_0.hdf5");
    }

    static PolicyCard replayCard() {
        return CardLoader.load(TestPaths.models().resolve("replay_episode/card.yaml"));
    }

    static ReplayResult replay(PolicyCard card, ReplaySettings settings) {
        try (AlohaRecordedEpisode episode = new AlohaRecordedEpisode(AlohaEpisode.open(episodeFile()), card, 50, Map.of())) {
            return ReplayEngine.run(card, episode, settings);
        }
    }

    @Test
    void commandsMatchTheActionsTheTorchPolicyRecordedWithinOneMicroradian() {
        PolicyCard card = replayCard();
        ReplayResult r = replay(card, ReplaySettings.defaults(card.execution()));
        ReplayMetrics m = ReplayMetrics.of(r);
        System.out.printf("torch episode: %d ticks, %d compared, MAE %.3g, RMSE %.3g, max %.3g, speed %.1fx, infer p50 %.3f ms%n",
                r.commands().count(), m.compared(), m.mae(), m.rmse(), m.maxAbsError(), r.speedFactor(), m.inferWall().p50Ms());
        assertEquals(200, r.commands().count(), "one command per frame");
        assertEquals(200, m.compared(), "every recorded action compared");
        for (JointMetrics j : m.joints()) {
            assertEquals(200, j.samples(), j.joint());
            assertTrue(j.mae() < 1e-6, j.joint() + " MAE " + j.mae());
        }
        assertTrue(m.mae() < 1e-6, "MAE " + m.mae());
        assertTrue(m.maxAbsError() < 1e-5, "largest error " + m.maxAbsError());
        assertEquals(199, r.loopCounters().get(LoopCounter.CHUNKS_ACCEPTED), "a chunk every step after the first");
        assertEquals(1, r.loopCounters().get(LoopCounter.HOLD_TICKS), "only the first tick holds (no chunk yet)");
        assertEquals(0, r.safetyFaults().get(SafetyFault.POSITION_LIMIT) + r.safetyFaults().get(SafetyFault.VELOCITY_LIMIT)
                + r.safetyFaults().get(SafetyFault.ACCELERATION_LIMIT), "open limits never change a command");
    }
}
