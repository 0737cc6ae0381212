package io.chunkrt.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FeatureNormalizerTest {
    private static final float EPS = 1e-8f;

    private static float[] normalize(FeatureNormalizer n, float[] x) {
        float[] out = new float[x.length];
        n.normalize(x, out);
        return out;
    }

    @Test
    void meanStdDividesByStdPlusEpsAndInvertsWithoutEps() {
        var n = FeatureNormalizer.of(NormalizationMode.MEAN_STD, NormalizationVariant.LEROBOT, EPS,
                new float[] {1f, -2f}, new float[] {0.5f, 4f}, 2, 1);
        float[] y = normalize(n, new float[] {2f, 2f});
        assertEquals((2f - 1f) / (0.5f + EPS), y[0]);
        assertEquals((2f + 2f) / (4f + EPS), y[1]);
        float[] back = new float[2];
        n.unnormalize(new float[] {1f, 1f}, back);
        assertArrayEquals(new float[] {1f * 0.5f + 1f, 1f * 4f - 2f}, back);
    }

    @Test
    void actOriginalClipsStdToOneHundredth() {
        var n = FeatureNormalizer.of(NormalizationMode.MEAN_STD, NormalizationVariant.ACT_ORIGINAL, EPS,
                new float[] {0f}, new float[] {0.001f}, 1, 1);
        assertEquals(0.5f / 0.01f, normalize(n, new float[] {0.5f})[0]);
        float[] back = new float[1];
        n.unnormalize(new float[] {2f}, back);
        assertEquals(0.02f, back[0]);
    }

    @Test
    void minMaxMapsRangeToMinusOneOneAndConstantFeatureToMinusOne() {
        var n = FeatureNormalizer.of(NormalizationMode.MIN_MAX, NormalizationVariant.LEROBOT, EPS,
                new float[] {0f, 3f}, new float[] {10f, 3f}, 2, 1);
        float[] y = normalize(n, new float[] {10f, 3f});
        assertEquals(1f, y[0]);
        assertEquals(-1f, y[1], "a zero range uses eps, so min maps to -1 instead of NaN");
        float[] back = new float[2];
        n.unnormalize(new float[] {0f, -1f}, back);
        assertArrayEquals(new float[] {5f, 3f}, back);
    }

    @Test
    void quantilesUseQ01Q99AndQuantile10UsesQ10Q90() {
        var q = FeatureNormalizer.of(NormalizationMode.QUANTILES, NormalizationVariant.LEROBOT, EPS,
                new float[] {-1f}, new float[] {1f}, 1, 1);
        assertEquals(0f, normalize(q, new float[] {0f})[0]);
        var q10 = FeatureNormalizer.of(NormalizationMode.QUANTILE10, NormalizationVariant.LEROBOT, EPS,
                new float[] {2f}, new float[] {6f}, 1, 1);
        assertEquals(1f, normalize(q10, new float[] {6f})[0]);
        float[] back = new float[1];
        q10.unnormalize(new float[] {-1f}, back);
        assertEquals(2f, back[0]);
    }

    @Test
    void imageStatsApplyPerChannelPlane() {
        // 3 channels of 2x1 pixels, CHW
        var n = FeatureNormalizer.of(NormalizationMode.IMAGENET, NormalizationVariant.LEROBOT, EPS, null, null, 3, 2);
        float[] y = normalize(n, new float[] {0.485f, 0.485f, 0.456f, 0.456f, 0.406f + 0.225f, 0.406f + 0.225f});
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f, 1f, 1f}, y, 1e-6f);
    }

    @Test
    void historyStepsReuseTheSameStats() {
        var n = FeatureNormalizer.of(NormalizationMode.MEAN_STD, NormalizationVariant.LEROBOT, 0f,
                new float[] {1f, 2f}, new float[] {1f, 2f}, 2, 1);
        assertArrayEquals(new float[] {0f, 0f, 1f, 1f}, normalize(n, new float[] {1f, 2f, 2f, 4f}));
    }

    @Test
    void identityCopies() {
        var n = FeatureNormalizer.identity(2, 1);
        assertArrayEquals(new float[] {3f, -4f}, normalize(n, new float[] {3f, -4f}));
    }
}
