package io.chunkrt.card;

import java.util.Map;
import java.util.TreeMap;

/** Named statistic vectors of one feature (mean, std, min, max, q01, q99, q10, q90). */
public record FeatureStats(Map<String, float[]> vectors) {
    public FeatureStats {
        vectors = java.util.Collections.unmodifiableMap(new TreeMap<>(vectors));
    }

    public float[] get(String stat) {
        return vectors.get(stat);
    }

    public boolean has(String stat) {
        return vectors.containsKey(stat);
    }
}
