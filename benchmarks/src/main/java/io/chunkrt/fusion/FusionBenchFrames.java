package io.chunkrt.fusion;

import io.chunkrt.bench.BenchPaths;
import io.chunkrt.card.ImageSpec;
import io.chunkrt.card.PixelScale;
import io.chunkrt.card.ResizeMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Random;

/** Inputs shared by the fusion benchmarks: 640x480 camera frames, the benchmark JPEG, the card image shapes. */
final class FusionBenchFrames {
    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    private FusionBenchFrames() {}

    static final int RGB8_BYTES = WIDTH * HEIGHT * 3;

    /**
     * A seeded rgb8 frame (noise: no shortcut for the interpolation or the branch predictor) in an array sized like a
     * camera stream's slot (4 bytes per pixel); the frame is the first {@link #RGB8_BYTES} bytes.
     */
    static byte[] rgb8(int seed) {
        byte[] frame = new byte[WIDTH * HEIGHT * 4];
        byte[] pixels = new byte[RGB8_BYTES];
        new Random(seed).nextBytes(pixels);
        System.arraycopy(pixels, 0, frame, 0, RGB8_BYTES);
        return frame;
    }

    /** The 640x480 quality-90 JPEG models/export_preprocessing_refs.py writes (a synthetic camera-like scene). */
    static byte[] jpeg() {
        try {
            return Files.readAllBytes(BenchPaths.models().resolve("preprocessing/bench_640x480_q90.jpg"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** full: 480x640 unresized; 224: bilinear to 224x224; 224area: INTER_AREA to 224x224. */
    static ImageSpec spec(String target) {
        return switch (target) {
            case "full" -> new ImageSpec(3, HEIGHT, WIDTH, ResizeMode.NONE, PixelScale.UNIT);
            case "224" -> new ImageSpec(3, 224, 224, ResizeMode.BILINEAR, PixelScale.UNIT);
            case "224area" -> new ImageSpec(3, 224, 224, ResizeMode.AREA, PixelScale.UNIT);
            default -> throw new IllegalArgumentException("target is " + target + "; expected full, 224 or 224area");
        };
    }
}
