package io.chunkrt.fusion.image;

/**
 * One axis of a separable resampling: for each output index, {@code taps} source indices and weights (unused
 * taps carry weight 0 on a valid index, so every output runs the same loop). Built once per camera at
 * start-up; the resampler applies the x table along rows, then the y table across rows, the order torch and
 * OpenCV use.
 */
final class AxisWeights {
    final int sourceLength;
    final int outputLength;
    final int taps;
    /** outputLength x taps source indices, each in [0, sourceLength). */
    final int[] index;
    /** outputLength x taps weights. */
    final float[] weight;

    private AxisWeights(int sourceLength, int outputLength, int taps) {
        this.sourceLength = sourceLength;
        this.outputLength = outputLength;
        this.taps = taps;
        this.index = new int[outputLength * taps];
        this.weight = new float[outputLength * taps];
    }

    /**
     * Bilinear with half-pixel centers, as torch's upsample_bilinear2d (align_corners=False, no antialias)
     * computes it in float: src = scale * (i + 0.5) - 0.5 clamped at 0, lambda1 = src - floor(src).
     */
    static AxisWeights bilinear(int sourceLength, int outputLength) {
        AxisWeights w = new AxisWeights(sourceLength, outputLength, 2);
        float scale = (float) sourceLength / outputLength;
        for (int i = 0; i < outputLength; i++) {
            float real = scale * (i + 0.5f) - 0.5f;
            if (real < 0f) {
                real = 0f;
            }
            int i0 = (int) real;
            int i1 = i0 < sourceLength - 1 ? i0 + 1 : i0;
            float lambda1 = Math.min(Math.max(real - i0, 0f), 1f);
            w.set(i, 0, i0, 1f - lambda1);
            w.set(i, 1, i1, lambda1);
        }
        return w;
    }

    /**
     * OpenCV's INTER_AREA for one axis. When both axes shrink (or keep) their size OpenCV averages pixel areas
     * ({@code computeResizeAreaTab}: each output cell covers {@code scale} source pixels, partial pixels at
     * its edges weighted by their covered fraction); otherwise it interpolates linearly with area-derived
     * coefficients on both axes. {@code areaTables} says which of the two applies.
     */
    static AxisWeights area(int sourceLength, int outputLength, boolean areaTables) {
        double scale = (double) sourceLength / outputLength;
        if (!areaTables) {
            AxisWeights w = new AxisWeights(sourceLength, outputLength, 2);
            double invScale = (double) outputLength / sourceLength;
            for (int i = 0; i < outputLength; i++) {
                int sx = (int) Math.floor(i * scale);
                float fx = (float) ((i + 1) - (sx + 1) * invScale);
                fx = fx <= 0 ? 0f : fx - (float) Math.floor(fx);
                if (sx >= sourceLength - 1) {
                    fx = 0f;
                    sx = sourceLength - 1;
                }
                w.set(i, 0, sx, 1f - fx);
                w.set(i, 1, Math.min(sx + 1, sourceLength - 1), fx);
            }
            return w;
        }
        // first pass: the widest cell decides the tap count
        int taps = 1;
        for (int i = 0; i < outputLength; i++) {
            taps = Math.max(taps, areaCell(sourceLength, scale, i, null, 0, 0));
        }
        AxisWeights w = new AxisWeights(sourceLength, outputLength, taps);
        for (int i = 0; i < outputLength; i++) {
            areaCell(sourceLength, scale, i, w, i * taps, taps);
        }
        return w;
    }

    /** Writes (or only counts, when {@code w} is null) the taps of output cell {@code i}; returns their count. */
    private static int areaCell(int sourceLength, double scale, int i, AxisWeights w, int at, int taps) {
        double fsx1 = i * scale;
        double fsx2 = fsx1 + scale;
        double cellWidth = Math.min(scale, sourceLength - fsx1);
        int sx1 = (int) Math.ceil(fsx1);
        int sx2 = (int) Math.floor(fsx2);
        sx2 = Math.min(sx2, sourceLength - 1);
        sx1 = Math.min(sx1, sx2);
        int n = 0;
        if (sx1 - fsx1 > 1e-3) {
            n = put(w, at, n, sx1 - 1, (float) ((sx1 - fsx1) / cellWidth));
        }
        for (int sx = sx1; sx < sx2; sx++) {
            n = put(w, at, n, sx, (float) (1.0 / cellWidth));
        }
        if (fsx2 - sx2 > 1e-3) {
            n = put(w, at, n, sx2, (float) (Math.min(Math.min(fsx2 - sx2, 1.0), cellWidth) / cellWidth));
        }
        if (w != null) {
            int last = w.index[at + n - 1];
            for (int k = n; k < taps; k++) {
                w.index[at + k] = last;
                w.weight[at + k] = 0f;
            }
        }
        return n;
    }

    private static int put(AxisWeights w, int at, int n, int source, float weight) {
        if (w != null) {
            w.index[at + n] = source;
            w.weight[at + n] = weight;
        }
        return n + 1;
    }

    private void set(int i, int tap, int source, float w) {
        index[i * taps + tap] = source;
        weight[i * taps + tap] = w;
    }
}
