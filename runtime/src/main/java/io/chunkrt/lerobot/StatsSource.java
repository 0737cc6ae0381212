package io.chunkrt.lerobot;

/** Where a checkpoint layout keeps each feature's normalization statistics. */
sealed interface StatsSource permits ProcessorStateFiles, LegacyNormalizationBuffers {

    /** The flattened vector of {@code stat} for a feature, or {@code null} when the checkpoint has none. */
    float[] find(PolicyFeature feature, FeatureRole role, String stat);

    /** The name the checkpoint stores that vector under, for error messages. */
    String keyOf(PolicyFeature feature, FeatureRole role, String stat);

    /** The subject of "lacks ..." in an error message, e.g. {@code normalizer stats lack}. */
    String lacks(FeatureRole role);

    /** LeRobot's epsilon for this checkpoint's normalization. */
    double eps();
}
