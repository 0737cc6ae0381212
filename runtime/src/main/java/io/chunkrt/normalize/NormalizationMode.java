package io.chunkrt.normalize;

import java.util.List;

/** Per-feature normalization, with LeRobot's names and the stats each mode needs. */
public enum NormalizationMode {
    IDENTITY(List.of()),
    MEAN_STD(List.of("mean", "std")),
    MIN_MAX(List.of("min", "max")),
    QUANTILES(List.of("q01", "q99")),
    QUANTILE10(List.of("q10", "q90")),
    /** Fixed ImageNet per-channel mean/std, for images only. */
    IMAGENET(List.of());

    private final List<String> requiredStats;

    NormalizationMode(List<String> requiredStats) {
        this.requiredStats = requiredStats;
    }

    public List<String> requiredStats() {
        return requiredStats;
    }
}
