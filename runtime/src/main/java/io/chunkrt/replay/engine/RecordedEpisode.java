package io.chunkrt.replay.engine;

import java.util.List;

/**
 * A recording replayed as one time-ordered stream of events: a rosbag2 bag (decoded in ros-bridge), a LeRobot dataset
 * episode or an ACT/ALOHA HDF5 episode. The engine asks for the next event's time, then has it delivered; nothing is
 * loaded whole. Damage that ends the recording early does not throw: the events before it are delivered and
 * {@link #problems()} names it.
 */
public interface RecordedEpisode extends AutoCloseable {
    EpisodeLayout layout();

    /** The receive time of the next event, or {@link Long#MAX_VALUE} when there are no more. */
    long peekTimeNs();

    /** Delivers the next event; false when there are no more. */
    boolean next(EpisodeReceiver receiver);

    /** One line per damaged part met so far (a truncated MCAP); empty when everything read cleanly. */
    List<String> problems();

    @Override
    void close();
}
