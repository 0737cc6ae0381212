package io.chunkrt.normalize;

/**
 * Normalizes one feature into a network tensor and unnormalizes network outputs, with LeRobot's formulas
 * (or the original ACT rule), allocation-free. Stats are per element of a width-long vector (state, action)
 * or per channel of an image, where one entry covers {@code innerSize} consecutive values (a CHW plane).
 * The arithmetic follows the float32 order of LeRobot's torch code so results agree to the last bits.
 */
public final class FeatureNormalizer {
    private static final float ACT_MIN_STD = 1e-2f;
    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private final NormalizationMode mode;
    private final int width;
    private final int innerSize;
    /** mean, min, q01 or q10. */
    private final float[] offset;
    /** The forward divisor: std + eps, max(std, 1e-2), or the (eps-guarded) range. */
    private final float[] divisor;
    /** The inverse multiplier: std for mean_std (LeRobot unnormalizes without eps), else the divisor. */
    private final float[] multiplier;

    private FeatureNormalizer(NormalizationMode mode, int width, int innerSize, float[] offset, float[] divisor, float[] multiplier) {
        this.mode = mode;
        this.width = width;
        this.innerSize = innerSize;
        this.offset = offset;
        this.divisor = divisor;
        this.multiplier = multiplier;
    }

    public static FeatureNormalizer identity(int width, int innerSize) {
        return new FeatureNormalizer(NormalizationMode.IDENTITY, width, innerSize, null, null, null);
    }

    /**
     * @param low  mean, min, q01 or q10 (unused for identity and imagenet)
     * @param high std, max, q99 or q90 (unused for identity and imagenet)
     */
    public static FeatureNormalizer of(
            NormalizationMode mode, NormalizationVariant variant, float eps, float[] low, float[] high, int width, int innerSize) {
        float[] offset = new float[width];
        float[] divisor = new float[width];
        float[] multiplier = new float[width];
        switch (mode) {
            case IDENTITY -> {
                return identity(width, innerSize);
            }
            case IMAGENET -> {
                if (width != 3) {
                    throw new IllegalArgumentException("imagenet normalization needs 3 channels, got " + width);
                }
                System.arraycopy(IMAGENET_MEAN, 0, offset, 0, 3);
                System.arraycopy(IMAGENET_STD, 0, divisor, 0, 3);
                System.arraycopy(IMAGENET_STD, 0, multiplier, 0, 3);
            }
            case MEAN_STD -> {
                for (int k = 0; k < width; k++) {
                    offset[k] = low[k];
                    if (variant == NormalizationVariant.ACT_ORIGINAL) {
                        divisor[k] = Math.max(high[k], ACT_MIN_STD);
                        multiplier[k] = divisor[k];
                    } else {
                        divisor[k] = high[k] + eps;
                        multiplier[k] = high[k];
                    }
                }
            }
            case MIN_MAX, QUANTILES, QUANTILE10 -> {
                for (int k = 0; k < width; k++) {
                    offset[k] = low[k];
                    float range = high[k] - low[k];
                    // LeRobot substitutes eps for a zero range so a constant feature maps to -1, not NaN
                    divisor[k] = range == 0f ? eps : range;
                    multiplier[k] = divisor[k];
                }
            }
        }
        return new FeatureNormalizer(mode, width, innerSize, offset, divisor, multiplier);
    }

    public NormalizationMode mode() {
        return mode;
    }

    /** Stats entries: D for a vector feature, C for an image. */
    public int width() {
        return width;
    }

    /**
     * The normalized value of {@code x} under stats entry {@code k} (a vector element or an image channel), with
     * the same float32 arithmetic as {@link #normalize}, so a producer that normalizes value by value (the image
     * pipeline's lookup tables) writes bit-identical results.
     */
    public float normalizeValue(int k, float x) {
        return switch (mode) {
            case IDENTITY -> x;
            case MEAN_STD, IMAGENET -> (x - offset[k]) / divisor[k];
            case MIN_MAX, QUANTILES, QUANTILE10 -> 2f * (x - offset[k]) / divisor[k] - 1f;
        };
    }

    /**
     * Normalizes {@code src} (whole steps of width x innerSize values) into {@code dst}; the two may be the
     * same array. Plain arrays keep the loop free of buffer bounds checks; callers bulk-copy into tensors.
     */
    public void normalize(float[] src, float[] dst) {
        normalize(src, dst, src.length);
    }

    /** Normalizes the first {@code count} values (whole steps) of {@code src} into {@code dst}. */
    public void normalize(float[] src, float[] dst, int count) {
        if (mode == NormalizationMode.IDENTITY) {
            System.arraycopy(src, 0, dst, 0, count);
            return;
        }
        final int n = count;
        int i = 0;
        while (i < n) {
            for (int k = 0; k < width; k++) {
                final float off = offset[k];
                final float div = divisor[k];
                final int end = i + innerSize;
                switch (mode) {
                    case MEAN_STD, IMAGENET -> {
                        for (; i < end; i++) {
                            dst[i] = (src[i] - off) / div;
                        }
                    }
                    case MIN_MAX, QUANTILES, QUANTILE10 -> {
                        for (; i < end; i++) {
                            dst[i] = 2f * (src[i] - off) / div - 1f;
                        }
                    }
                    case IDENTITY -> throw new AssertionError("handled above");
                }
            }
        }
    }

    /** Unnormalizes {@code src} (network layout) into {@code dst}; the two may be the same array. */
    public void unnormalize(float[] src, float[] dst) {
        if (mode == NormalizationMode.IDENTITY) {
            System.arraycopy(src, 0, dst, 0, dst.length);
            return;
        }
        final int n = dst.length;
        int i = 0;
        while (i < n) {
            for (int k = 0; k < width; k++) {
                final float off = offset[k];
                final float mul = multiplier[k];
                final int end = i + innerSize;
                switch (mode) {
                    case MEAN_STD, IMAGENET -> {
                        for (; i < end; i++) {
                            dst[i] = src[i] * mul + off;
                        }
                    }
                    // LeRobot: (y + 1) / 2 * d + min for min_max, (y + 1) * d / 2 + q for the quantile modes
                    case MIN_MAX -> {
                        for (; i < end; i++) {
                            dst[i] = (src[i] + 1f) / 2f * mul + off;
                        }
                    }
                    case QUANTILES, QUANTILE10 -> {
                        for (; i < end; i++) {
                            dst[i] = (src[i] + 1f) * mul / 2f + off;
                        }
                    }
                    case IDENTITY -> throw new AssertionError("handled above");
                }
            }
        }
    }
}
