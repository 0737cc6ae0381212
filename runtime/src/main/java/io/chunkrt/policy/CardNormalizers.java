package io.chunkrt.policy;

import io.chunkrt.card.FeatureStats;
import io.chunkrt.card.InputSpec;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.normalize.FeatureNormalizer;
import io.chunkrt.normalize.NormalizationMode;

/** Builds the normalizers a card's inputs and output need from its stats (validated at load). */
public final class CardNormalizers {
    private CardNormalizers() {}

    public static FeatureNormalizer forInput(PolicyCard card, InputSpec in) {
        return build(card, in.feature(), in.normalization(), in.statsWidth(), in.statsInnerSize());
    }

    public static FeatureNormalizer forOutput(PolicyCard card) {
        return build(card, card.output().feature(), card.output().normalization(), card.output().actionDim(), 1);
    }

    private static FeatureNormalizer build(PolicyCard card, String feature, NormalizationMode mode, int width, int inner) {
        if (mode.requiredStats().isEmpty()) {
            return mode == NormalizationMode.IDENTITY
                    ? FeatureNormalizer.identity(width, inner)
                    : FeatureNormalizer.of(mode, card.normalization().variant(), (float) card.normalization().eps(), null, null, width, inner);
        }
        FeatureStats stats = card.stats().get(feature);
        float[] low = stats.get(mode.requiredStats().get(0));
        float[] high = stats.get(mode.requiredStats().get(1));
        return FeatureNormalizer.of(mode, card.normalization().variant(), (float) card.normalization().eps(), low, high, width, inner);
    }
}
