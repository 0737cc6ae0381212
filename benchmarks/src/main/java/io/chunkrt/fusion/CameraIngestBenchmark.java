package io.chunkrt.fusion;

import io.chunkrt.fusion.image.PixelEncoding;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 640x480 camera message into a stream's ring: raw rgb8 (a row-by-row copy), and the 640x480 JPEG decoded with
 * ImageIO (the stream's decoder, which reuses its reader and destination image, and a plain {@code ImageIO.read}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class CameraIngestBenchmark {
    private byte[] rgb;
    private byte[] jpeg;
    private CameraStream raw;
    private CameraStream compressed;
    private long stampNs;

    @Setup(Level.Trial)
    public void setUp() {
        rgb = FusionBenchFrames.rgb8(7);
        jpeg = FusionBenchFrames.jpeg();
        // header stamps only: the benchmark's stamps advance much faster than a real clock
        StreamSettings settings = new StreamSettings(4, Long.MAX_VALUE / 4, Long.MAX_VALUE, Long.MAX_VALUE / 4, 3);
        ObservationStreams streams = ObservationStreams.builder()
                .camera("raw", FusionBenchFrames.WIDTH, FusionBenchFrames.HEIGHT, settings)
                .camera("jpeg", FusionBenchFrames.WIDTH, FusionBenchFrames.HEIGHT, settings)
                .build();
        raw = streams.camera("raw");
        compressed = streams.camera("jpeg");
        if (compressed.offerCompressed(1, 1, jpeg, 0, jpeg.length) != IngestStatus.ACCEPTED) {
            throw new IllegalStateException("the benchmark JPEG does not decode");
        }
    }

    @Benchmark
    public IngestStatus rawRgb8Offer() {
        stampNs += 33_000_000L;
        return raw.offer(stampNs, stampNs, PixelEncoding.RGB8, FusionBenchFrames.WIDTH, FusionBenchFrames.HEIGHT, FusionBenchFrames.WIDTH * 3, false,
                rgb, 0, FusionBenchFrames.RGB8_BYTES);
    }

    @Benchmark
    public IngestStatus jpegOfferImageIO() {
        stampNs += 33_000_000L;
        return compressed.offerCompressed(stampNs, stampNs, jpeg, 0, jpeg.length);
    }

    @Benchmark
    public BufferedImage jpegPlainImageIORead() throws IOException {
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }
}
