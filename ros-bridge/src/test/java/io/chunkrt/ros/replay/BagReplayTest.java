package io.chunkrt.ros.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.card.CardLoader;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.replay.RecordingException;
import io.chunkrt.replay.bag.MessageCursor;
import io.chunkrt.replay.bag.RosBag;
import io.chunkrt.replay.bag.Rosbag2Writer;
import io.chunkrt.replay.bag.TopicMessageCount;
import io.chunkrt.replay.engine.CommandLog;
import io.chunkrt.replay.engine.RecordedEpisode;
import io.chunkrt.replay.engine.ReplayEngine;
import io.chunkrt.replay.engine.ReplayProgress;
import io.chunkrt.replay.engine.ReplayRecording;
import io.chunkrt.replay.engine.ReplayResult;
import io.chunkrt.replay.engine.ReplaySettings;
import io.chunkrt.replay.hdf5.AlohaEpisode;
import io.chunkrt.replay.hdf5.AlohaRecordedEpisode;
import io.chunkrt.replay.metrics.ReplayMetrics;
import io.chunkrt.replay.record.FlightRecorder;
import io.chunkrt.ros.peer.TestPeers;
import io.chunkrt.ros.record.BagFlightLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bags through the replay: the models/ torch episode is replayed once from its HDF5 file with a flight recording;
 * that recording (an MCAP bag: JointState, Image, the commands and the recorded actions) replays through the bridge's
 * decoders to the same commands, bit for bit, and so does the same bag rewritten as an sqlite3 bag. A bag cut in the
 * middle replays up to the cut, says where it is damaged, and its commands up to there are the same.
 */
class BagReplayTest {
    @TempDir
    static Path tmp;

    private static PolicyCard card;
    private static ReplayResult fromHdf5;
    private static Path recorded;

    @BeforeAll
    static void recordTheEpisode() {
        card = CardLoader.load(TestPeers.repo().resolve("models/replay_episode/card.yaml"));
        recorded = tmp.resolve("recorded");
        try (AlohaRecordedEpisode episode = new AlohaRecordedEpisode(AlohaEpisode.open(TestPeers.repo().resolve("models/replay_episode/episode_0.hdf5")),
                card, 50, Map.of())) {
            ReplayRecording plan = ReplayRecording.plan(episode.layout(), card);
            FlightRecorder recorder = plan.start(new BagFlightLog(recorded, Rosbag2Writer.Options.defaults().withChunkSizeBytes(64 * 1024)));
            try {
                fromHdf5 = ReplayEngine.run(card, episode, ReplaySettings.defaults(card.execution()), ReplayProgress.NONE, plan);
            } finally {
                recorder.close();
            }
            assertEquals(0, recorder.dropped());
        }
    }

    private static ReplayResult replayBag(Path bagPath) {
        try (RosBag bag = RosBag.open(bagPath)) {
            BagTopicChoice topics = BagTopicChoice.choose(bag.info(), card, null, Map.of());
            try (RecordedEpisode episode = BagRecordedEpisode.open(bag, card, topics)) {
                return ReplayEngine.run(card, episode, ReplaySettings.defaults(card.execution()));
            }
        }
    }

    private static void assertSameCommands(CommandLog expected, CommandLog actual, int ticks) {
        for (int i = 0; i < ticks; i++) {
            assertEquals(expected.timeNs(i), actual.timeNs(i), "tick " + i);
            assertEquals(expected.flags(i), actual.flags(i), "tick " + i);
            for (int j = 0; j < expected.joints().size(); j++) {
                assertEquals(expected.command(i, j), actual.command(i, j), 0.0, "tick " + i + " joint " + j);
            }
        }
    }

    @Test
    void theFlightRecordingOfAReplayReplaysToTheSameCommands() {
        try (RosBag bag = RosBag.open(recorded)) {
            BagTopicChoice topics = BagTopicChoice.choose(bag.info(), card, null, Map.of());
            assertEquals("/chunkrt/recorded_action", topics.actionTopic(), "the recording's actions are compared by default");
            assertEquals(java.util.List.of("/qpos/joint_states"), topics.jointTopics(), "/chunkrt/command is never an input");
            assertEquals(Map.of("top", "/top/image_raw", "wrist", "/wrist/image_raw"), topics.cameraTopics());
        }
        ReplayResult r = replayBag(recorded);
        assertEquals(200, r.commands().count());
        assertSameCommands(fromHdf5.commands(), r.commands(), 200);
        ReplayMetrics m = ReplayMetrics.of(r);
        assertEquals(200, m.compared());
        assertTrue(m.mae() < 1e-6, "MAE against the torch actions, read back from the bag: " + m.mae());
        assertTrue(r.problems().isEmpty() && r.malformed().isEmpty());
    }

    @Test
    void theSameBagInSqlite3ReplaysToTheSameCommands() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("as_sqlite"));
        try (RosBag bag = RosBag.open(recorded);
                Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("as_sqlite_0.db3"));
                Statement st = db.createStatement()) {
            st.execute("CREATE TABLE topics(id INTEGER PRIMARY KEY,name TEXT NOT NULL,type TEXT NOT NULL,serialization_format TEXT NOT NULL,"
                    + "offered_qos_profiles TEXT NOT NULL)");
            st.execute("CREATE TABLE messages(id INTEGER PRIMARY KEY,topic_id INTEGER NOT NULL,timestamp INTEGER NOT NULL, data BLOB NOT NULL)");
            Map<String, Integer> ids = new HashMap<>();
            try (PreparedStatement ins = db.prepareStatement("INSERT INTO topics VALUES (?, ?, ?, 'cdr', '')")) {
                for (TopicMessageCount t : bag.info().topics()) {
                    ids.put(t.topic().name(), ids.size() + 1);
                    ins.setInt(1, ids.get(t.topic().name()));
                    ins.setString(2, t.topic().name());
                    ins.setString(3, t.topic().type());
                    ins.executeUpdate();
                }
            }
            db.setAutoCommit(false);
            try (MessageCursor c = bag.messages();
                    PreparedStatement ins = db.prepareStatement("INSERT INTO messages(topic_id, timestamp, data) VALUES (?, ?, ?)")) {
                while (c.next()) {
                    ins.setInt(1, ids.get(c.topic().name()));
                    ins.setLong(2, c.logTimeNs());
                    ins.setBytes(3, c.payloadCopy());
                    ins.executeUpdate();
                }
            }
            db.commit();
        }
        ReplayResult r = replayBag(dir);
        assertEquals(200, r.commands().count());
        assertSameCommands(fromHdf5.commands(), r.commands(), 200);
    }

    @Test
    void aBagCutInTheMiddleReplaysUpToTheCutAndSaysWhere() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cut"));
        Path mcap = recorded.resolve("recorded_0.mcap");
        byte[] bytes = Files.readAllBytes(mcap);
        Files.write(dir.resolve("cut_0.mcap"), Arrays.copyOf(bytes, bytes.length / 2));
        ReplayResult r = replayBag(dir);
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().getFirst().contains("cut_0.mcap' is damaged at byte "), r.problems().getFirst());
        int ticks = r.commands().count();
        assertTrue(ticks > 20 && ticks < 200, "replayed up to the damage: " + ticks + " ticks");
        assertSameCommands(fromHdf5.commands(), r.commands(), ticks);
        ReplayMetrics m = ReplayMetrics.of(r);
        assertEquals(r.actions().count(), m.compared(), "every recorded action before the damage is compared");
        assertTrue(m.compared() >= ticks - 1, "the damage may cut a frame between its joint state and its action: " + m.compared());
        assertTrue(m.mae() < 1e-6);
    }

    @Test
    void aCameraTheBagDoesNotHaveIsNamedWithTheImageTopics() {
        try (RosBag bag = RosBag.open(recorded)) {
            RecordingException e = assertThrows(RecordingException.class,
                    () -> BagTopicChoice.choose(bag.info(), card, null, Map.of("top", "/wrist/image_rawx")));
            assertTrue(e.getMessage().contains("camera topic '/wrist/image_rawx' for camera 'top' is not in bag"), e.getMessage());
            RecordingException none = assertThrows(RecordingException.class, () -> BagTopicChoice.choose(bag.info(), card, "/nope", Map.of()));
            assertTrue(none.getMessage().contains("has no messages on action topic '/nope'"), none.getMessage());
        }
    }
}
