package io.chunkrt.replay.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.card.CardLoader;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.control.LoopCounter;
import io.chunkrt.replay.metrics.ReplayFiles;
import io.chunkrt.replay.metrics.ReplayMetrics;
import io.chunkrt.replay.report.HtmlReport;
import io.chunkrt.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same recording and card give byte-identical command logs on every replay, also when paced at k x real time:
 * act_like with ACT temporal ensembling (a 100-step chunk every step, 14 joints) over the models/ episode.
 */
class ReplayDeterminismTest {
    @TempDir
    Path tmp;

    @Test
    void twoReplaysWriteByteIdenticalCommandLogs() throws Exception {
        PolicyCard card = CardLoader.load(TestPaths.models().resolve("act_like/card.yaml"));
        ReplaySettings settings = ReplaySettings.defaults(card.execution());
        ReplayResult first = TorchEpisodeReplayTest.replay(card, settings);
        ReplayResult second = TorchEpisodeReplayTest.replay(card, settings);
        ReplayResult paced = TorchEpisodeReplayTest.replay(card, settings.withSpeed(20));
        String sha1 = ReplayFiles.write(tmp.resolve("a"), first, ReplayMetrics.of(first));
        String sha2 = ReplayFiles.write(tmp.resolve("b"), second, ReplayMetrics.of(second));
        String sha3 = ReplayFiles.write(tmp.resolve("c"), paced, ReplayMetrics.of(paced));
        byte[] a = Files.readAllBytes(tmp.resolve("a").resolve(ReplayFiles.COMMANDS));
        assertArrayEquals(a, Files.readAllBytes(tmp.resolve("b").resolve(ReplayFiles.COMMANDS)), "second replay");
        assertArrayEquals(a, Files.readAllBytes(tmp.resolve("c").resolve(ReplayFiles.COMMANDS)), "replay paced at 20x real time");
        assertEquals(sha1, sha2);
        assertEquals(sha1, sha3);
        assertEquals(200, first.commands().count());
        assertEquals(199, first.loopCounters().get(LoopCounter.CHUNKS_ACCEPTED), "temporal ensembling: a chunk every step");
        assertTrue(paced.wallNs() >= 199 * 20_000_000L / 20, "pacing at 20x takes at least 1/20 of the recording's 3.98 s: " + paced.wallNs());
        ReplayMetrics m = ReplayMetrics.of(first);
        Path report = HtmlReport.write(tmp.resolve("a"), first, m, sha1);
        String html = Files.readString(report);
        assertTrue(html.contains("left_waist") && html.contains(sha1), "report names the joints and the log's hash");
        io.chunkrt.replay.report.HtmlReportTestAccess.assertWellFormedSvgs(html);
        System.out.printf("act_like temporal ensembling on the torch episode: MAE %.4g, largest seam step %.4g, report %d bytes%n", m.mae(),
                m.largestSeamStep(), html.length());
    }
}
