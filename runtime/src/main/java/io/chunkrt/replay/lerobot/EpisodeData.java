package io.chunkrt.replay.lerobot;

import java.util.Map;

/**
 * The tabular data of one episode, read from its parquet file: each requested vector feature as one flat float
 * array of {@code frames * dim} values in frame order, plus timestamps (s) and frame indexes.
 */
public record EpisodeData(int episodeIndex, int frames, Map<String, float[]> vectors, Map<String, Integer> dims,
        float[] timestampsS, long[] frameIndexes) {
    public EpisodeData {
        vectors = Map.copyOf(vectors);
        dims = Map.copyOf(dims);
    }

    /** The flat values of {@code feature} (frame-major). */
    public float[] vector(String feature) {
        float[] v = vectors.get(feature);
        if (v == null) {
            throw new IllegalArgumentException("episode " + episodeIndex + " was read without '" + feature + "'; read "
                    + vectors.keySet());
        }
        return v;
    }

    public int dim(String feature) {
        return dims.get(feature);
    }

    /** Copies frame {@code frame} of {@code feature} into {@code out} (length dim). */
    public void frame(String feature, int frame, float[] out) {
        int d = dim(feature);
        System.arraycopy(vector(feature), frame * d, out, 0, d);
    }
}
