package io.chunkrt.fusion.image;

import io.chunkrt.card.ChannelOrder;
import io.chunkrt.card.ImageCrop;
import io.chunkrt.card.ImageSpec;
import io.chunkrt.card.PixelScale;
import io.chunkrt.card.ResizeMode;
import io.chunkrt.normalize.FeatureNormalizer;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Turns one camera frame (tight rows of a {@link PixelEncoding}) into a network's normalized CHW image, written
 * straight into the input tensor: crop, resize (bilinear, area or letterbox), channel order, scale to [0,1] or
 * [-1,1], per-channel normalization. Every table is built here, at start-up, for one frame size and one card
 * image; {@link #process} then allocates nothing, takes no lock and throws nothing for a frame it
 * {@link #accepts}.
 *
 * <p>Without a resize (or when the crop already has the output size) each 8-bit channel goes through a 256-entry
 * table holding {@code normalize(scale(v))} with the card's float32 arithmetic, so the output is bit-identical to
 * torchvision's {@code to_tensor}, {@code * 2 - 1} and {@code Normalize}. A resize interpolates raw sample values
 * in float (x along rows first, then y, as torch and OpenCV do) and then applies scale and normalization as
 * one affine map per channel, equal to the exact formula within a few float32 ulps.
 */
public final class ImagePreprocessor {
    private final int frameWidth;
    private final int frameHeight;
    private final int channels;
    private final int outHeight;
    private final int outWidth;
    private final int plane;
    private final int cropX;
    private final int cropY;
    private final int cropWidth;
    private final int cropHeight;
    /** Where the resampled crop lands in the output; the rest (letterbox only) is padding. */
    private final int regionX;
    private final int regionY;
    private final int regionWidth;
    private final int regionHeight;
    private final boolean resampled;
    private final AxisWeights xWeights;
    private final AxisWeights yWeights;
    /** Network channel c reads red (0), green (1) or blue (2) of the source. */
    private final int[] rgbIndexOfChannel;
    private final PixelScale scale;
    private final FeatureNormalizer normalizer;
    /** normalize(scale(v)) for every 8-bit v, per network channel. */
    private final float[][] table8;
    /** Affine scale+normalize of an interpolated sample: y = v * gain + bias, for 8-bit [0] and 16-bit [1] sources. */
    private final float[][] gain;
    private final float[][] bias;
    private final float[] padValue;
    private final boolean padded;
    // per-call scratch, owned by the consumer thread
    private final int[] channelByteOffset;
    private final float[][] rowCache;
    private final int[] rowCacheTag;
    private final float[][] tapRows;
    private final float[] tapWeights;
    private final int[] xByte;
    private int xByteBpp;
    private final float[] outRow;

    public ImagePreprocessor(int frameWidth, int frameHeight, ImageSpec spec, FeatureNormalizer normalizer) {
        if (frameWidth < 1 || frameHeight < 1) {
            throw new IllegalArgumentException("camera frame size is " + frameWidth + "x" + frameHeight + "; expected positive sizes");
        }
        if (normalizer.width() != spec.channels()) {
            throw new IllegalArgumentException("normalization has " + normalizer.width() + " channel stats but the image has " + spec.channels() + " channels");
        }
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
        this.channels = spec.channels();
        this.outHeight = spec.height();
        this.outWidth = spec.width();
        this.plane = outHeight * outWidth;
        this.scale = spec.scale();
        this.normalizer = normalizer;
        ImageCrop crop = spec.crop();
        if (crop == null) {
            cropX = 0;
            cropY = 0;
            cropWidth = frameWidth;
            cropHeight = frameHeight;
        } else {
            cropX = crop.leftIn(frameWidth);
            cropY = crop.topIn(frameHeight);
            cropWidth = crop.width();
            cropHeight = crop.height();
            if (cropX < 0 || cropY < 0 || cropX + cropWidth > frameWidth || cropY + cropHeight > frameHeight) {
                throw new IllegalArgumentException("crop " + cropHeight + "x" + cropWidth + " at top " + cropY + ", left " + cropX
                        + " does not fit in the " + frameHeight + "x" + frameWidth + " (height x width) camera frame; make the crop smaller or move it inside the frame");
            }
        }
        ResizeMode resize = spec.resize();
        switch (resize) {
            case NONE, BILINEAR, AREA -> {
                regionX = 0;
                regionY = 0;
                regionWidth = outWidth;
                regionHeight = outHeight;
                if (resize == ResizeMode.NONE && (cropWidth != outWidth || cropHeight != outHeight)) {
                    throw new IllegalArgumentException("resize is none but the " + (crop == null ? "camera frame" : "crop") + " is " + cropHeight + "x" + cropWidth
                            + " (height x width) and the network expects " + outHeight + "x" + outWidth + "; set image.resize (bilinear, area, letterbox) or a crop of that size");
                }
            }
            case LETTERBOX, LETTERBOX_CENTER -> {
                // LeRobot/openpi: ratio = max(w / W, h / H); resized = int(size / ratio), in Python floats (double)
                double ratio = Math.max((double) cropWidth / outWidth, (double) cropHeight / outHeight);
                regionWidth = (int) (cropWidth / ratio);
                regionHeight = (int) (cropHeight / ratio);
                if (regionWidth < 1 || regionHeight < 1) {
                    throw new IllegalArgumentException("letterboxing a " + cropHeight + "x" + cropWidth + " frame into " + outHeight + "x" + outWidth
                            + " leaves no image rows or columns; check image.height/width");
                }
                if (resize == ResizeMode.LETTERBOX) {
                    regionX = outWidth - regionWidth;
                    regionY = outHeight - regionHeight;
                } else {
                    regionX = (outWidth - regionWidth) / 2;
                    regionY = (outHeight - regionHeight) / 2;
                }
            }
            default -> throw new AssertionError(resize);
        }
        padded = regionWidth != outWidth || regionHeight != outHeight;
        resampled = cropWidth != regionWidth || cropHeight != regionHeight;
        if (!resampled) {
            xWeights = null;
            yWeights = null;
        } else if (resize == ResizeMode.AREA) {
            boolean areaTables = cropWidth >= regionWidth && cropHeight >= regionHeight;
            xWeights = AxisWeights.area(cropWidth, regionWidth, areaTables);
            yWeights = AxisWeights.area(cropHeight, regionHeight, areaTables);
        } else {
            xWeights = AxisWeights.bilinear(cropWidth, regionWidth);
            yWeights = AxisWeights.bilinear(cropHeight, regionHeight);
        }
        rgbIndexOfChannel = new int[channels];
        for (int c = 0; c < channels; c++) {
            rgbIndexOfChannel[c] = channels == 1 ? 0 : spec.channelOrder() == ChannelOrder.RGB ? c : 2 - c;
        }
        table8 = new float[channels][256];
        gain = new float[2][channels];
        bias = new float[2][channels];
        padValue = new float[channels];
        for (int c = 0; c < channels; c++) {
            for (int v = 0; v < 256; v++) {
                table8[c][v] = normalizer.normalizeValue(c, scaled(v, 255));
            }
            for (int depth = 0; depth < 2; depth++) {
                int max = depth == 0 ? 255 : 65535;
                float y0 = normalizer.normalizeValue(c, scaled(0, max));
                float y1 = normalizer.normalizeValue(c, scaled(max, max));
                gain[depth][c] = (float) (((double) y1 - y0) / max);
                bias[depth][c] = y0;
            }
            // LeRobot pads with 0 in [0,1] before its [-1,1] scale: black
            padValue[c] = normalizer.normalizeValue(c, scaled(0, 255));
        }
        channelByteOffset = new int[channels];
        int cacheRows = resampled ? yWeights.taps + 1 : 0;
        rowCache = new float[cacheRows][channels * regionWidth];
        rowCacheTag = new int[cacheRows];
        tapRows = new float[resampled ? yWeights.taps : 0][];
        tapWeights = new float[resampled ? yWeights.taps : 0];
        xByte = new int[resampled ? xWeights.index.length : 0];
        outRow = new float[regionWidth];
    }

    /** torchvision's to_tensor (v / max in float32), then LeRobot's {@code x * 2 - 1} for the symmetric scale. */
    private float scaled(int v, int max) {
        float unit = v / (float) max;
        return scale == PixelScale.SYMMETRIC ? unit * 2f - 1f : unit;
    }

    public int frameWidth() {
        return frameWidth;
    }

    public int frameHeight() {
        return frameHeight;
    }

    /** Floats one image occupies in the tensor: C x H x W. */
    public int outputSize() {
        return channels * plane;
    }

    /** A 3-channel network takes color and mono frames (mono is replicated); a 1-channel network only mono or depth. */
    public boolean accepts(PixelEncoding encoding) {
        return channels == 3 || encoding.colorChannels() == 1;
    }

    /**
     * Writes the normalized CHW image of {@code pixels} (a frame of this preprocessor's size in tight rows of
     * {@code encoding}, 16-bit samples little-endian) into {@code dst} from absolute index {@code dstOffset}.
     * The caller has checked {@link #accepts}.
     */
    public void process(byte[] pixels, PixelEncoding encoding, FloatBuffer dst, int dstOffset) {
        final int bpp = encoding.bytesPerPixel();
        for (int c = 0; c < channels; c++) {
            channelByteOffset[c] = encoding.channelOffset(rgbIndexOfChannel[c]);
        }
        if (padded) {
            fillPadding(dst, dstOffset);
        }
        final boolean wide = encoding.bytesPerSample() == 2;
        if (!resampled) {
            if (wide) {
                copy16(pixels, bpp, dst, dstOffset);
            } else {
                copy8(pixels, bpp, dst, dstOffset);
            }
        } else {
            resample(pixels, bpp, wide, dst, dstOffset);
        }
    }

    private void copy8(byte[] pixels, int bpp, FloatBuffer dst, int dstOffset) {
        final int rowBytes = frameWidth * bpp;
        for (int c = 0; c < channels; c++) {
            final float[] table = table8[c];
            final int channelBase = dstOffset + c * plane;
            final int byteOffset = channelByteOffset[c];
            for (int y = 0; y < regionHeight; y++) {
                int src = (cropY + y) * rowBytes + cropX * bpp + byteOffset;
                int out = channelBase + (regionY + y) * outWidth + regionX;
                // straight into the direct buffer: measured faster here than a row array plus a bulk put
                for (int x = 0; x < regionWidth; x++, src += bpp) {
                    dst.put(out + x, table[pixels[src] & 0xFF]);
                }
            }
        }
    }

    private void copy16(byte[] pixels, int bpp, FloatBuffer dst, int dstOffset) {
        final int rowBytes = frameWidth * bpp;
        for (int c = 0; c < channels; c++) {
            final int channelBase = dstOffset + c * plane;
            final int byteOffset = channelByteOffset[c];
            for (int y = 0; y < regionHeight; y++) {
                int src = (cropY + y) * rowBytes + cropX * bpp + byteOffset;
                int out = channelBase + (regionY + y) * outWidth + regionX;
                for (int x = 0; x < regionWidth; x++, src += bpp) {
                    int v = (pixels[src] & 0xFF) | (pixels[src + 1] & 0xFF) << 8;
                    dst.put(out + x, normalizer.normalizeValue(c, scaled(v, 65535)));
                }
            }
        }
    }

    private void resample(byte[] pixels, int bpp, boolean wide, FloatBuffer dst, int dstOffset) {
        Arrays.fill(rowCacheTag, -1);
        final int depth = wide ? 1 : 0;
        final int yTaps = yWeights.taps;
        final int[] yIndex = yWeights.index;
        final float[] yWeight = yWeights.weight;
        final float[][] rows = tapRows;
        final float[] weights = tapWeights;
        for (int oy = 0; oy < regionHeight; oy++) {
            final int yAt = oy * yTaps;
            for (int t = 0; t < yTaps; t++) {
                rows[t] = cachedRow(pixels, bpp, wide, yIndex[yAt + t]);
                weights[t] = yWeight[yAt + t];
            }
            final float[] line = outRow;
            for (int c = 0; c < channels; c++) {
                final float g = gain[depth][c];
                final float b = bias[depth][c];
                final int rowBase = c * regionWidth;
                // y taps as whole-row passes (independent elements: the JIT vectorizes them), same summation order
                final float[] r0 = rows[0];
                final float w0 = weights[0];
                for (int ox = 0; ox < regionWidth; ox++) {
                    line[ox] = w0 * r0[rowBase + ox];
                }
                for (int t = 1; t < yTaps; t++) {
                    final float[] r = rows[t];
                    final float w = weights[t];
                    for (int ox = 0; ox < regionWidth; ox++) {
                        line[ox] += w * r[rowBase + ox];
                    }
                }
                for (int ox = 0; ox < regionWidth; ox++) {
                    line[ox] = line[ox] * g + b;
                }
                dst.put(dstOffset + c * plane + (regionY + oy) * outWidth + regionX, line, 0, regionWidth);
            }
        }
    }

    /** Crop row {@code sy} interpolated along x, from the row cache or computed into it. */
    private float[] cachedRow(byte[] pixels, int bpp, boolean wide, int sy) {
        final int slot = sy % rowCache.length;
        final float[] row = rowCache[slot];
        if (rowCacheTag[slot] == sy) {
            return row;
        }
        rowCacheTag[slot] = sy;
        final int xTaps = xWeights.taps;
        final float[] xWeight = xWeights.weight;
        final int[] xByte = xByteOffsets(bpp);
        final int base = (cropY + sy) * frameWidth * bpp + cropX * bpp;
        if (!wide && channels == 3) {
            // one pass over the row for all three channels: each tap's pixel is read once
            final int o0 = base + channelByteOffset[0];
            final int o1 = base + channelByteOffset[1];
            final int o2 = base + channelByteOffset[2];
            final int g = regionWidth;
            final int b = 2 * regionWidth;
            if (xTaps == 2) {
                for (int ox = 0; ox < regionWidth; ox++) {
                    final int xAt = 2 * ox;
                    final float w0 = xWeight[xAt];
                    final float w1 = xWeight[xAt + 1];
                    final int p0 = xByte[xAt];
                    final int p1 = xByte[xAt + 1];
                    float a0 = 0f;
                    float a1 = 0f;
                    float a2 = 0f;
                    a0 += w0 * (pixels[o0 + p0] & 0xFF);
                    a1 += w0 * (pixels[o1 + p0] & 0xFF);
                    a2 += w0 * (pixels[o2 + p0] & 0xFF);
                    a0 += w1 * (pixels[o0 + p1] & 0xFF);
                    a1 += w1 * (pixels[o1 + p1] & 0xFF);
                    a2 += w1 * (pixels[o2 + p1] & 0xFF);
                    row[ox] = a0;
                    row[g + ox] = a1;
                    row[b + ox] = a2;
                }
                return row;
            }
            for (int ox = 0; ox < regionWidth; ox++) {
                final int xAt = ox * xTaps;
                float a0 = 0f;
                float a1 = 0f;
                float a2 = 0f;
                for (int t = 0; t < xTaps; t++) {
                    final float w = xWeight[xAt + t];
                    final int p = xByte[xAt + t];
                    a0 += w * (pixels[o0 + p] & 0xFF);
                    a1 += w * (pixels[o1 + p] & 0xFF);
                    a2 += w * (pixels[o2 + p] & 0xFF);
                }
                row[ox] = a0;
                row[g + ox] = a1;
                row[b + ox] = a2;
            }
            return row;
        }
        for (int c = 0; c < channels; c++) {
            final int byteOffset = base + channelByteOffset[c];
            final int rowBase = c * regionWidth;
            for (int ox = 0; ox < regionWidth; ox++) {
                final int xAt = ox * xTaps;
                float acc = 0f;
                for (int t = 0; t < xTaps; t++) {
                    final int src = byteOffset + xByte[xAt + t];
                    final int v = wide ? (pixels[src] & 0xFF) | (pixels[src + 1] & 0xFF) << 8 : pixels[src] & 0xFF;
                    acc += xWeight[xAt + t] * v;
                }
                row[rowBase + ox] = acc;
            }
        }
        return row;
    }

    /** x tap source indices as byte offsets for {@code bpp}-byte pixels (recomputed only when the encoding's size changes). */
    private int[] xByteOffsets(int bpp) {
        if (xByteBpp != bpp) {
            for (int i = 0; i < xByte.length; i++) {
                xByte[i] = xWeights.index[i] * bpp;
            }
            xByteBpp = bpp;
        }
        return xByte;
    }

    private void fillPadding(FloatBuffer dst, int dstOffset) {
        for (int c = 0; c < channels; c++) {
            final float pad = padValue[c];
            final int channelBase = dstOffset + c * plane;
            for (int y = 0; y < outHeight; y++) {
                final boolean imageRow = y >= regionY && y < regionY + regionHeight;
                final int rowBase = channelBase + y * outWidth;
                for (int x = 0; x < outWidth; x++) {
                    if (!imageRow || x < regionX || x >= regionX + regionWidth) {
                        dst.put(rowBase + x, pad);
                    }
                }
            }
        }
    }
}
