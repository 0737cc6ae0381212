package io.chunkrt.fusion.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chunkrt.card.ChannelOrder;
import io.chunkrt.card.ImageCrop;
import io.chunkrt.card.ImageSpec;
import io.chunkrt.card.PixelScale;
import io.chunkrt.card.ResizeMode;
import io.chunkrt.normalize.FeatureNormalizer;
import io.chunkrt.normalize.NormalizationMode;
import io.chunkrt.normalize.NormalizationVariant;
import io.chunkrt.tensorfile.NpyArray;
import io.chunkrt.tensorfile.NpyReader;
import io.chunkrt.testing.TestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Locale;

/** models/preprocessing/: the manifest export_preprocessing_refs.py wrote and the arrays it names. */
public final class PreprocessingReferences {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final Path dir;
    public final JsonNode manifest;

    public PreprocessingReferences() {
        dir = TestPaths.models().resolve("preprocessing");
        try {
            manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public NpyArray npy(String file) {
        return NpyReader.read(dir.resolve(file));
    }

    public float eps() {
        return (float) manifest.get("eps").asDouble();
    }

    /** The image spec a manifest case describes. */
    public static ImageSpec spec(JsonNode c) {
        ImageCrop crop = null;
        JsonNode cr = c.get("crop");
        if (cr != null && !cr.isNull()) {
            crop = cr.path("centered").asBoolean(true) ? ImageCrop.center(cr.get("height").asInt(), cr.get("width").asInt())
                    : ImageCrop.at(cr.get("top").asInt(), cr.get("left").asInt(), cr.get("height").asInt(), cr.get("width").asInt());
        }
        return new ImageSpec(c.path("channels").asInt(3), c.get("height").asInt(), c.get("width").asInt(),
                ResizeMode.valueOf(c.get("resize").asText().toUpperCase(Locale.ROOT)), PixelScale.valueOf(c.path("scale").asText("unit").toUpperCase(Locale.ROOT)),
                crop, ChannelOrder.valueOf(c.path("channel_order").asText("rgb").toUpperCase(Locale.ROOT)));
    }

    /** The per-channel normalizer a manifest case (or table) describes, built as the card would build it. */
    public FeatureNormalizer normalizer(JsonNode c, int channels, int planeSize) {
        NormalizationMode mode = NormalizationMode.valueOf(c.path("normalization").asText("identity").toUpperCase(Locale.ROOT));
        JsonNode stats = c.get("stats");
        if (mode.requiredStats().isEmpty()) {
            return mode == NormalizationMode.IDENTITY ? FeatureNormalizer.identity(channels, planeSize)
                    : FeatureNormalizer.of(mode, NormalizationVariant.LEROBOT, eps(), null, null, channels, planeSize);
        }
        return FeatureNormalizer.of(mode, NormalizationVariant.LEROBOT, eps(), floats(stats.get(mode.requiredStats().get(0))),
                floats(stats.get(mode.requiredStats().get(1))), channels, planeSize);
    }

    private static float[] floats(JsonNode n) {
        float[] out = new float[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) n.get(i).asDouble();
        }
        return out;
    }

    /** rgb8 pixels re-laid as another 8-bit color encoding (the same image). */
    public static byte[] fromRgb(byte[] rgb, PixelEncoding encoding) {
        int n = rgb.length / 3;
        byte[] out = new byte[n * encoding.bytesPerPixel()];
        for (int p = 0; p < n; p++) {
            int o = p * encoding.bytesPerPixel();
            for (int c = 0; c < 3; c++) {
                out[o + encoding.channelOffset(c)] = rgb[p * 3 + c];
            }
            if (encoding.bytesPerPixel() == 4) {
                out[o + 3] = (byte) (p * 37);
            }
        }
        return out;
    }

    /** One channel of an interleaved 8-bit image. */
    public static byte[] plane(byte[] interleaved, int channels, int channel) {
        byte[] out = new byte[interleaved.length / channels];
        for (int p = 0; p < out.length; p++) {
            out[p] = interleaved[p * channels + channel];
        }
        return out;
    }

    public static float[] run(ImagePreprocessor pre, byte[] pixels, PixelEncoding encoding) {
        FloatBuffer dst = ByteBuffer.allocateDirect(pre.outputSize() * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        pre.process(pixels, encoding, dst, 0);
        float[] out = new float[pre.outputSize()];
        dst.get(0, out);
        return out;
    }
}
