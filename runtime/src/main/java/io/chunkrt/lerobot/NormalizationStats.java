package io.chunkrt.lerobot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Normalization statistics per feature: feature name to stat name ({@code mean}, {@code q01}, ...) to a flat float
 * vector (image stats stored as [C, 1, 1] are flattened to [C]). Iteration follows insertion order.
 */
public record NormalizationStats(Map<String, Map<String, float[]>> vectors) {

    public NormalizationStats {
        Map<String, Map<String, float[]>> copy = new LinkedHashMap<>();
        vectors.forEach((feature, named) -> {
            Map<String, float[]> namedCopy = new LinkedHashMap<>();
            named.forEach((stat, vector) -> namedCopy.put(stat, vector.clone()));
            copy.put(feature, Collections.unmodifiableMap(namedCopy));
        });
        vectors = Collections.unmodifiableMap(copy);
    }

    public boolean has(String feature, String stat) {
        return vectors.getOrDefault(feature, Map.of()).containsKey(stat);
    }

    /** The stat names held for {@code feature}; empty when it has none. */
    public Set<String> statNames(String feature) {
        return vectors.getOrDefault(feature, Map.of()).keySet();
    }

    /** A copy of one vector; throws {@link IllegalArgumentException} naming what is held when it is absent. */
    public float[] vector(String feature, String stat) {
        float[] vector = vectors.getOrDefault(feature, Map.of()).get(stat);
        if (vector == null) {
            throw new IllegalArgumentException("no stat '" + stat + "' for feature '" + feature + "'; held: "
                    + vectors.keySet().stream().map(f -> f + statNames(f)).toList());
        }
        return vector.clone();
    }
}
