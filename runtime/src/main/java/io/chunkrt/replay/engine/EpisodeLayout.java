package io.chunkrt.replay.engine;

import java.util.List;

/**
 * What a recording holds, as the replay engine needs it before the first event: its joint-state streams (each with
 * the joints its messages provide), its cameras (with their frame size), the joints of its recorded actions and its
 * time span on the recording's clock. Stream and camera names are the fusion stream names the card binds to: a
 * card's image input reads the camera of the same name, its state joints come from whichever stream provides them.
 *
 * @param description one line naming the recording (shown in reports)
 * @param startNs     time of the first event
 * @param endNs       time of the last event (as the recording claims it; a damaged file may end earlier)
 */
public record EpisodeLayout(String description, long startNs, long endNs, List<JointSource> jointStreams, List<CameraSource> cameras,
        List<String> actionJoints) {
    public EpisodeLayout {
        jointStreams = List.copyOf(jointStreams);
        cameras = List.copyOf(cameras);
        actionJoints = List.copyOf(actionJoints);
        if (endNs < startNs) {
            throw new IllegalArgumentException("episode '" + description + "' ends at " + endNs + " ns, before its start " + startNs);
        }
    }

    /**
     * A joint-state stream: its messages carry (at least) these joints.
     *
     * @param periodNs the nominal time between messages, 0 when unknown
     */
    public record JointSource(String name, List<String> joints, long periodNs) {
        public JointSource {
            joints = List.copyOf(joints);
        }
    }

    /**
     * A camera delivering frames of exactly width x height; {@code periodNs} 0 when unknown; {@code compressed} when
     * its frames come as JPEG/PNG (what a flight recording of the replay records them as).
     */
    public record CameraSource(String name, int width, int height, long periodNs, boolean compressed) {}

    public long durationNs() {
        return endNs - startNs;
    }

    /** Index of the joint stream or camera with this name, or -1. */
    public int cameraIndex(String name) {
        for (int i = 0; i < cameras.size(); i++) {
            if (cameras.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
