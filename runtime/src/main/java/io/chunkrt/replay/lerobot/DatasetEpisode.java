package io.chunkrt.replay.lerobot;

import java.util.List;
import java.util.Map;

/** One row of meta/episodes: its frames' place in the data files and in each camera's video, and its tasks. */
public record DatasetEpisode(int index, int length, int dataChunkIndex, int dataFileIndex, long datasetFromIndex,
        long datasetToIndex, Map<String, VideoSpan> videos, List<String> tasks) {
    public DatasetEpisode {
        videos = Map.copyOf(videos);
        tasks = List.copyOf(tasks);
    }
}
