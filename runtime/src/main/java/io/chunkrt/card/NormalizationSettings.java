package io.chunkrt.card;

import io.chunkrt.normalize.NormalizationVariant;

/** Which family of normalization formulas the card's stats were made for. */
public record NormalizationSettings(NormalizationVariant variant, double eps) {}
