package io.chunkrt.normalize;

/** Which code's formulas a card's stats were made for. */
public enum NormalizationVariant {
    /** LeRobot's normalize_processor: (x - mean) / (std + eps). */
    LEROBOT,
    /** The original ACT code: std clipped to at least 1e-2, no eps. */
    ACT_ORIGINAL
}
