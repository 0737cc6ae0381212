package io.chunkrt.replay.hdf5;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ACT/ALOHA HDF5 episode as a replay source. HDF5 episodes carry no times: frame k is at {@code k * round(1e9 / fps)}
 * ns (ALOHA records at 50 Hz). Each frame yields, in this order, the joint state (qpos, named by the card's state
 * joints, in order), one rgb8 frame per camera the card reads, and the recorded action (named by the card's output
 * joints, in order). A card camera reads the HDF5 camera of the same name unless {@code cameraMap} maps it
 * (e.g. {@code wrist -> left_wrist}).
 */
public final class AlohaRecordedEpisode implements RecordedEpisode {
    public static final String JOINT_STREAM = "qpos";

    private final AlohaEpisode episode;
    private final EpisodeLayout layout;
    private final long periodNs;
    private final String[] jointNames;
    private final double[] positions;
    private final double[] action;
    private final String[] hdfCameras;
    private final byte[][] frames;
    private final ByteBuffer[] frameBuffers;
    private final int[] widths;
    private final int[] heights;
    private int frame;
    /** 0: joints, 1..cameras: camera (part - 1), cameras + 1: action. */
    private int part;

    /**
     * @param cameraMap card camera name to HDF5 camera name, for the cameras whose names differ (may be empty)
     */
    public AlohaRecordedEpisode(AlohaEpisode episode, PolicyCard card, double fps, Map<String, String> cameraMap) {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("HDF5 episodes need a frame rate > 0 (ALOHA records at 50 Hz); got " + fps);
        }
        this.episode = episode;
        this.periodNs = Math.round(1e9 / fps);
        String file = episode.file().getFileName().toString();
        InputSpec state = stateInput(card);
        if (state.joints().size() != episode.jointCount()) {
            throw new RecordingException("HDF5 episode '" + episode.file() + "' has qpos of " + episode.jointCount() + " joints but card "
                    + card.displayName() + " input '" + state.name() + "' lists " + state.joints().size() + "; replay a card made for this robot");
        }
        if (card.output().actionDim() != episode.actionDim()) {
            throw new RecordingException("HDF5 episode '" + episode.file() + "' has actions of " + episode.actionDim() + " joints but card "
                    + card.displayName() + " outputs " + card.output().actionDim() + "; replay a card made for this robot");
        }
        this.jointNames = state.joints().toArray(new String[0]);
        this.positions = new double[jointNames.length];
        this.action = new double[episode.actionDim()];
        Map<String, String> cameras = new LinkedHashMap<>();
        for (InputSpec in : card.inputs()) {
            if (in.type() == InputType.IMAGE) {
                String source = cameraMap.getOrDefault(in.camera(), in.camera());
                if (!episode.cameras().contains(source)) {
                    throw new RecordingException("card " + card.displayName() + " reads camera '" + in.camera() + "' but HDF5 episode '"
                            + episode.file() + "' has cameras " + episode.cameras() + "; map it to one with --camera " + in.camera() + "=<name>");
                }
                cameras.put(in.camera(), source);
            }
        }
        List<EpisodeLayout.CameraSource> sources = new ArrayList<>();
        this.hdfCameras = cameras.values().toArray(new String[0]);
        this.frames = new byte[hdfCameras.length][];
        this.frameBuffers = new ByteBuffer[hdfCameras.length];
        this.widths = new int[hdfCameras.length];
        this.heights = new int[hdfCameras.length];
        int i = 0;
        for (Map.Entry<String, String> e : cameras.entrySet()) {
            widths[i] = episode.imageWidth(e.getValue());
            heights[i] = episode.imageHeight(e.getValue());
            frames[i] = new byte[widths[i] * heights[i] * 3];
            frameBuffers[i] = ByteBuffer.wrap(frames[i]);
            sources.add(new EpisodeLayout.CameraSource(e.getKey(), widths[i], heights[i], periodNs, false));
            i++;
        }
        long end = (long) Math.max(0, episode.frames() - 1) * periodNs;
        this.layout = new EpisodeLayout("HDF5 episode " + file + " (" + episode.frames() + " frames at " + fps + " Hz)", 0, end,
                List.of(new EpisodeLayout.JointSource(JOINT_STREAM, state.joints(), periodNs)), sources, card.output().joints());
        if (episode.frames() == 0) {
            frame = 0;
        }
    }

    private static InputSpec stateInput(PolicyCard card) {
        InputSpec first = null;
        for (InputSpec in : card.inputs()) {
            if (in.type() == InputType.STATE) {
                if (in.feature().equals("observation.state")) {
                    return in;
                }
                first = first == null ? in : first;
            }
        }
        if (first == null) {
            throw new RecordingException("card " + card.displayName() + " has no state input; an HDF5 episode's qpos feeds the card's"
                    + " observation.state");
        }
        return first;
    }

    @Override
    public EpisodeLayout layout() {
        return layout;
    }

    @Override
    public long peekTimeNs() {
        return frame < episode.frames() ? frame * periodNs : Long.MAX_VALUE;
    }

    @Override
    public boolean next(EpisodeReceiver receiver) {
        if (frame >= episode.frames()) {
            return false;
        }
        long t = frame * periodNs;
        if (part == 0) {
            System.arraycopy(episode.qpos(), frame * positions.length, positions, 0, positions.length);
            receiver.jointState(0, t, t, jointNames, jointNames.length, positions);
        } else if (part <= hdfCameras.length) {
            int c = part - 1;
            episode.image(hdfCameras[c], frame, frames[c]);
            frameBuffers[c].clear();
            receiver.image(c, t, t, PixelEncoding.RGB8, widths[c], heights[c], widths[c] * 3, false, frameBuffers[c]);
        } else {
            System.arraycopy(episode.action(), frame * action.length, action, 0, action.length);
            receiver.action(t, t, action, action.length);
        }
        if (++part > hdfCameras.length + 1) {
            part = 0;
            frame++;
        }
        return true;
    }

    @Override
    public List<String> problems() {
        return List.of();
    }

    @Override
    public void close() {
        episode.close();
    }
}
