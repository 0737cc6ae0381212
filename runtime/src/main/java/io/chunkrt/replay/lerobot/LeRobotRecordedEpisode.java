package io.chunkrt.replay.lerobot;

import io.chunkrt.card.InputSpec;
import io.chunkrt.card.InputType;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.fusion.image.PixelEncoding;
import io.chunkrt.replay.RecordingException;
import io.chunkrt.replay.engine.EpisodeLayout;
import io.chunkrt.replay.engine.EpisodeReceiver;
import io.chunkrt.replay.engine.RecordedEpisode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One episode of a LeRobot v3 dataset as a replay source. Frame k (its frame_index) is at {@code k * round(1e9 / fps)}
 * ns, so frames fall exactly on the ticks of a card whose control rate is the dataset's fps. Each frame yields, in this
 * order, one joint state per card state input (the dataset feature the input names, its elements named by the card's
 * joints in order), one decoded rgb8 frame per card image input (the video of the feature the input names, decoded
 * by ffmpeg) and the recorded action (the card output's feature, named by its joints).
 */
public final class LeRobotRecordedEpisode implements RecordedEpisode {
    private final LeRobotDataset dataset;
    private final EpisodeData data;
    private final EpisodeLayout layout;
    private final long periodNs;
    private final String[] stateFeatures;
    private final String[][] stateNames;
    private final float[][] stateRows;
    private final double[][] stateValues;
    private final String actionFeature;
    private final float[] actionRow;
    private final double[] actionValues;
    private final VideoFrameReader[] videos;
    private final byte[][] frames;
    private final ByteBuffer[] frameBuffers;
    private final int[] widths;
    private final int[] heights;
    private int frame;
    private int part;
    private final int parts;

    public LeRobotRecordedEpisode(LeRobotDataset dataset, int episodeIndex, PolicyCard card) {
        this.dataset = dataset;
        this.periodNs = Math.round(1e9 / dataset.fps());
        Set<String> needed = new LinkedHashSet<>();
        List<InputSpec> states = new ArrayList<>();
        List<InputSpec> images = new ArrayList<>();
        for (InputSpec in : card.inputs()) {
            needed.add(in.feature());
            (in.type() == InputType.STATE ? states : images).add(in);
        }
        this.actionFeature = card.output().feature();
        needed.add(actionFeature);
        dataset.requireFeatures(needed, "card " + card.displayName());
        DatasetEpisode episode = dataset.episode(episodeIndex);
        List<String> vectors = new ArrayList<>();
        for (InputSpec in : states) {
            checkWidth(in.feature(), in.joints().size(), "input '" + in.name() + "' lists " + in.joints().size() + " joints", card);
            vectors.add(in.feature());
        }
        checkWidth(actionFeature, card.output().actionDim(), "output lists " + card.output().actionDim() + " joints", card);
        if (!vectors.contains(actionFeature)) {
            vectors.add(actionFeature);
        }
        this.data = dataset.readEpisode(episodeIndex, vectors);
        this.stateFeatures = new String[states.size()];
        this.stateNames = new String[states.size()][];
        this.stateRows = new float[states.size()][];
        this.stateValues = new double[states.size()][];
        List<EpisodeLayout.JointSource> jointSources = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            InputSpec in = states.get(i);
            stateFeatures[i] = in.feature();
            stateNames[i] = in.joints().toArray(new String[0]);
            stateRows[i] = new float[in.joints().size()];
            stateValues[i] = new double[in.joints().size()];
            jointSources.add(new EpisodeLayout.JointSource(in.feature(), in.joints(), periodNs));
        }
        this.actionRow = new float[card.output().actionDim()];
        this.actionValues = new double[card.output().actionDim()];
        this.videos = new VideoFrameReader[images.size()];
        this.frames = new byte[images.size()][];
        this.frameBuffers = new ByteBuffer[images.size()];
        this.widths = new int[images.size()];
        this.heights = new int[images.size()];
        List<EpisodeLayout.CameraSource> cameras = new ArrayList<>();
        try {
            for (int i = 0; i < images.size(); i++) {
                InputSpec in = images.get(i);
                DatasetFeature f = dataset.features().get(in.feature());
                if (!f.isVideo() || f.shape().size() != 3) {
                    throw new RecordingException("card " + card.displayName() + " input '" + in.name() + "' reads feature '" + in.feature()
                            + "', which LeRobot dataset '" + dataset.root() + "' stores as " + f.dtype() + " " + f.shape()
                            + "; ChunkRT replays image features stored as videos [height, width, 3]");
                }
                heights[i] = f.shape().get(0);
                widths[i] = f.shape().get(1);
                frames[i] = new byte[widths[i] * heights[i] * 3];
                frameBuffers[i] = ByteBuffer.wrap(frames[i]);
                VideoSpan span = episode.videos().get(in.feature());
                if (span == null) {
                    throw new RecordingException("LeRobot episode " + episodeIndex + " has no video '" + in.feature() + "'; its videos are "
                            + episode.videos().keySet());
                }
                videos[i] = VideoFrameReader.open(dataset.videoFile(episode, in.feature()), widths[i], heights[i], dataset.fps(),
                        span.fromTimestampS(), 0, data.frames());
                cameras.add(new EpisodeLayout.CameraSource(in.camera(), widths[i], heights[i], periodNs, false));
            }
        } catch (RuntimeException e) {
            closeVideos();
            throw e;
        }
        this.parts = states.size() + images.size() + 1;
        long end = data.frames() == 0 ? 0 : data.frameIndexes()[data.frames() - 1] * periodNs;
        long start = data.frames() == 0 ? 0 : data.frameIndexes()[0] * periodNs;
        this.layout = new EpisodeLayout("LeRobot dataset " + dataset.root().getFileName() + " episode " + episodeIndex + " (" + data.frames()
                + " frames at " + dataset.fps() + " fps)", start, end, jointSources, cameras, card.output().joints());
    }

    private void checkWidth(String feature, int width, String what, PolicyCard card) {
        int size = dataset.features().get(feature).size();
        if (size != width) {
            throw new RecordingException("LeRobot dataset '" + dataset.root() + "' feature '" + feature + "' has " + size + " values per frame"
                    + " but card " + card.displayName() + " " + what + "; replay a card made for this robot");
        }
    }

    @Override
    public EpisodeLayout layout() {
        return layout;
    }

    @Override
    public long peekTimeNs() {
        return frame < data.frames() ? data.frameIndexes()[frame] * periodNs : Long.MAX_VALUE;
    }

    @Override
    public boolean next(EpisodeReceiver receiver) {
        if (frame >= data.frames()) {
            return false;
        }
        long t = data.frameIndexes()[frame] * periodNs;
        if (part < stateFeatures.length) {
            data.frame(stateFeatures[part], frame, stateRows[part]);
            for (int j = 0; j < stateRows[part].length; j++) {
                stateValues[part][j] = stateRows[part][j];
            }
            receiver.jointState(part, t, t, stateNames[part], stateNames[part].length, stateValues[part]);
        } else if (part < stateFeatures.length + videos.length) {
            int c = part - stateFeatures.length;
            if (!videos[c].next(frames[c])) {
                throw new RecordingException("video of camera '" + layout.cameras().get(c).name() + "' ended at frame " + frame + " of "
                        + data.frames());
            }
            frameBuffers[c].clear();
            receiver.image(c, t, t, PixelEncoding.RGB8, widths[c], heights[c], widths[c] * 3, false, frameBuffers[c]);
        } else {
            data.frame(actionFeature, frame, actionRow);
            for (int j = 0; j < actionRow.length; j++) {
                actionValues[j] = actionRow[j];
            }
            receiver.action(t, t, actionValues, actionValues.length);
        }
        if (++part == parts) {
            part = 0;
            frame++;
        }
        return true;
    }

    /** Parquet and video problems throw at once (one line); nothing ends a dataset episode early. */
    @Override
    public List<String> problems() {
        return List.of();
    }

    private void closeVideos() {
        for (VideoFrameReader v : videos) {
            if (v != null) {
                v.close();
            }
        }
    }

    @Override
    public void close() {
        closeVideos();
    }
}
