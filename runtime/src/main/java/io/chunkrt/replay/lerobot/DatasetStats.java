package io.chunkrt.replay.lerobot;

/** meta/stats.json for one feature, flattened: min, max, mean and std per element (empty when absent). */
public record DatasetStats(String feature, double[] min, double[] max, double[] mean, double[] std) {
}
