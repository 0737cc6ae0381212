package io.chunkrt.replay.lerobot;

/** Where an episode's frames of one camera lie: which video file and the time range within it, in seconds. */
public record VideoSpan(String videoKey, int chunkIndex, int fileIndex, double fromTimestampS, double toTimestampS) {
}
