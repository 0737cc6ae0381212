package io.chunkrt.fusion.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.chunkrt.card.ImageSpec;
import io.chunkrt.card.PixelScale;
import io.chunkrt.card.ResizeMode;
import io.chunkrt.normalize.FeatureNormalizer;
import io.chunkrt.tensorfile.NpyArray;
import io.chunkrt.testing.FloatAsserts;
import io.chunkrt.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Acceptance 1: the preprocessing equals what PyTorch/torchvision, OpenCV and LeRobot's resize_with_pad produce
 * (models/export_preprocessing_refs.py): bit-exact for conversions and normalization, within 1e-3 (float) or
 * +-1 (8-bit) for resizes.
 */
class ImagePreprocessorReferenceTest {
    private static final PreprocessingReferences REFS = new PreprocessingReferences();
    private static final PixelEncoding[] COLOR = {PixelEncoding.RGB8, PixelEncoding.BGR8, PixelEncoding.RGBA8, PixelEncoding.BGRA8};

    @Test
    void everyEightBitValueConvertsExactlyAsTorchvisionForEveryScaleAndNormalization() {
        // a 256 x 1 image holding every value in every channel
        byte[] rgb = new byte[256 * 3];
        for (int v = 0; v < 256; v++) {
            rgb[v * 3] = (byte) v;
            rgb[v * 3 + 1] = (byte) v;
            rgb[v * 3 + 2] = (byte) v;
        }
        for (JsonNode table : REFS.manifest.get("tables")) {
            ImageSpec spec = new ImageSpec(3, 1, 256, ResizeMode.NONE, PixelScale.valueOf(table.get("scale").asText().toUpperCase(Locale.ROOT)));
            FeatureNormalizer norm = REFS.normalizer(table, 3, 256);
            float[] expected = REFS.npy(table.get("file").asText()).toFloatArray();
            for (PixelEncoding e : COLOR) {
                float[] actual = PreprocessingReferences.run(new ImagePreprocessor(256, 1, spec, norm), PreprocessingReferences.fromRgb(rgb, e), e);
                assertBitExact(expected, actual, table.get("file").asText() + " from " + e);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> syntheticImagesMatchTheReferencePipelines() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : REFS.manifest.get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> checkCase(c)));
        }
        return tests.stream();
    }

    private static void checkCase(JsonNode c) {
        String name = c.get("name").asText();
        String source = c.get("source").asText();
        ImageSpec spec = PreprocessingReferences.spec(c);
        FeatureNormalizer norm = REFS.normalizer(c, spec.channels(), spec.planeSize());
        float[] expected = REFS.npy("case." + name + ".npy").toFloatArray();
        double tolerance = c.get("tolerance").asDouble();
        List<byte[]> inputs = new ArrayList<>();
        List<PixelEncoding> encodings = new ArrayList<>();
        int width;
        int height;
        if (source.startsWith("depth")) {
            NpyArray depth = REFS.npy(source);
            height = (int) depth.shape()[0];
            width = (int) depth.shape()[1];
            // .npy uint16 is little-endian: the slot layout
            inputs.add(depth.littleEndianData());
            encodings.add(PixelEncoding.MONO16);
            inputs.add(depth.littleEndianData());
            encodings.add(PixelEncoding.DEPTH16);
        } else {
            NpyArray rgb = REFS.npy(source.replace(":green", ""));
            height = (int) rgb.shape()[0];
            width = (int) rgb.shape()[1];
            if (source.endsWith(":green")) {
                inputs.add(PreprocessingReferences.plane(rgb.littleEndianData(), 3, 1));
                encodings.add(PixelEncoding.MONO8);
            } else {
                for (PixelEncoding e : COLOR) {
                    inputs.add(PreprocessingReferences.fromRgb(rgb.littleEndianData(), e));
                    encodings.add(e);
                }
            }
        }
        ImagePreprocessor pre = new ImagePreprocessor(width, height, spec, norm);
        for (int i = 0; i < inputs.size(); i++) {
            float[] actual = PreprocessingReferences.run(pre, inputs.get(i), encodings.get(i));
            String what = name + " from " + encodings.get(i);
            if (tolerance == 0) {
                assertBitExact(expected, actual, what);
            } else {
                FloatAsserts.assertClose(expected, actual, tolerance, what);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> realLeRobotWristFramesMatchOpenCvTorchAndOpenpi() {
        Path frames = TestPaths.sharedTestdata().resolve("golden/video_frames");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : REFS.manifest.get("real_frames")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> checkRealFrame(c, frames)));
        }
        return tests.stream();
    }

    private static void checkRealFrame(JsonNode c, Path frames) throws IOException {
        byte[] rgb = Files.readAllBytes(frames.resolve(c.get("frame").asText() + "_640x360_rgb24.raw"));
        assertEquals(640 * 360 * 3, rgb.length, "raw frame size");
        ImageSpec spec = PreprocessingReferences.spec(c);
        if (c.path("expected_u8").asBoolean(false)) {
            // 8-bit references (OpenCV / openpi on uint8): compare v = 255 * unit output, HWC against CHW
            ImagePreprocessor pre = new ImagePreprocessor(640, 360, spec, FeatureNormalizer.identity(3, spec.planeSize()));
            float[] out = PreprocessingReferences.run(pre, rgb, PixelEncoding.RGB8);
            byte[] expected = REFS.npy(c.get("file").asText()).littleEndianData();
            int plane = spec.planeSize();
            double worst = 0;
            for (int p = 0; p < plane; p++) {
                for (int ch = 0; ch < 3; ch++) {
                    double diff = Math.abs(out[ch * plane + p] * 255.0 - (expected[p * 3 + ch] & 0xFF));
                    worst = Math.max(worst, diff);
                    if (diff > c.get("tolerance").asDouble() + 1e-3) {
                        fail(c.get("name").asText() + ": pixel " + p + " channel " + ch + " is " + out[ch * plane + p] * 255.0 + ", expected "
                                + (expected[p * 3 + ch] & 0xFF) + " within +-1");
                    }
                }
            }
            assertTrue(worst <= 1.001, "worst 8-bit difference " + worst);
        } else {
            ImagePreprocessor pre = new ImagePreprocessor(640, 360, spec, REFS.normalizer(c, 3, spec.planeSize()));
            float[] out = PreprocessingReferences.run(pre, rgb, PixelEncoding.RGB8);
            FloatAsserts.assertClose(REFS.npy(c.get("file").asText()).toFloatArray(), out, c.get("tolerance").asDouble(), c.get("name").asText());
        }
    }

    static void assertBitExact(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": element count");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected exactly " + expected[i]);
            }
        }
    }
}
