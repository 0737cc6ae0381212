package io.chunkrt.cli;

import io.chunkrt.card.PolicyCard;
import io.chunkrt.replay.RecordingException;
import io.chunkrt.replay.bag.RosBag;
import io.chunkrt.replay.engine.EpisodeLayout;
import io.chunkrt.replay.engine.EpisodeReceiver;
import io.chunkrt.replay.engine.RecordedEpisode;
import io.chunkrt.replay.hdf5.AlohaEpisode;
import io.chunkrt.replay.hdf5.AlohaRecordedEpisode;
import io.chunkrt.replay.lerobot.LeRobotDataset;
import io.chunkrt.replay.lerobot.LeRobotRecordedEpisode;
import io.chunkrt.ros.replay.BagRecordedEpisode;
import io.chunkrt.ros.replay.BagTopicChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Opens what {@code chunkrt replay} is given as a replay source: an ACT/ALOHA HDF5 episode (a .hdf5/.h5 file), a
 * LeRobot v3 dataset (a folder with meta/info.json) or a rosbag2 bag (anything else: a bag folder, a .db3 or .mcap
 * file). Closing it closes the readers underneath.
 */
final class ReplaySource implements RecordedEpisode {
    /** What the user chose for the parts of a recording the card does not name by itself. */
    record Choices(int episode, double hdf5Fps, Map<String, String> hdf5Cameras, Map<String, String> cameraTopics, String actionTopic) {}

    private final RecordedEpisode episode;
    private final AutoCloseable owner;

    private ReplaySource(RecordedEpisode episode, AutoCloseable owner) {
        this.episode = episode;
        this.owner = owner;
    }

    static ReplaySource open(Path recording, PolicyCard card, Choices choices) {
        String name = recording.getFileName() == null ? "" : recording.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".hdf5") || name.endsWith(".h5")) {
            AlohaEpisode file = AlohaEpisode.open(recording);
            try {
                return new ReplaySource(new AlohaRecordedEpisode(file, card, choices.hdf5Fps(), choices.hdf5Cameras()), null);
            } catch (RuntimeException e) {
                file.close();
                throw e;
            }
        }
        if (Files.isDirectory(recording) && Files.isRegularFile(recording.resolve("meta/info.json"))) {
            LeRobotDataset dataset = LeRobotDataset.open(recording);
            try {
                return new ReplaySource(new LeRobotRecordedEpisode(dataset, choices.episode(), card), dataset);
            } catch (RuntimeException e) {
                dataset.close();
                throw e;
            }
        }
        if (!Files.exists(recording)) {
            throw new RecordingException("recording '" + recording + "' does not exist; give an episode .hdf5 file, a LeRobot dataset folder"
                    + " or a rosbag2 bag (folder, .db3 or .mcap)");
        }
        RosBag bag = RosBag.open(recording);
        try {
            BagTopicChoice topics = BagTopicChoice.choose(bag.info(), card, choices.actionTopic(), choices.cameraTopics());
            return new ReplaySource(BagRecordedEpisode.open(bag, card, topics), bag);
        } catch (RuntimeException e) {
            bag.close();
            throw e;
        }
    }

    @Override
    public EpisodeLayout layout() {
        return episode.layout();
    }

    @Override
    public long peekTimeNs() {
        return episode.peekTimeNs();
    }

    @Override
    public boolean next(EpisodeReceiver receiver) {
        return episode.next(receiver);
    }

    @Override
    public List<String> problems() {
        return episode.problems();
    }

    @Override
    public void close() {
        try {
            episode.close();
        } finally {
            if (owner != null) {
                try {
                    owner.close();
                } catch (Exception e) {
                    throw e instanceof RuntimeException r ? r : new RecordingException("cannot close '" + e.getMessage() + "'", e);
                }
            }
        }
    }
}
