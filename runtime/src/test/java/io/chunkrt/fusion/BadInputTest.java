package io.chunkrt.fusion;

import static io.chunkrt.fusion.FusionRig.CAM_H;
import static io.chunkrt.fusion.FusionRig.CAM_W;
import static io.chunkrt.fusion.FusionRig.MS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.card.ActionSemantics;
import io.chunkrt.card.ExecutionSettings;
import io.chunkrt.card.ExecutorKind;
import io.chunkrt.card.ImageSpec;
import io.chunkrt.card.InputSpec;
import io.chunkrt.card.InputType;
import io.chunkrt.card.ModelRef;
import io.chunkrt.card.NormalizationSettings;
import io.chunkrt.card.OutputSpec;
import io.chunkrt.card.PixelScale;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.card.PolicyKind;
import io.chunkrt.card.Rates;
import io.chunkrt.card.ResizeMode;
import io.chunkrt.fusion.image.PixelEncoding;
import io.chunkrt.normalize.NormalizationMode;
import io.chunkrt.normalize.NormalizationVariant;
import io.chunkrt.testing.TestPaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 3: a bad message is dropped with a counted reason, the frame is not built while the stream's newest
 * message is bad, the last valid frame stays in the tensors, and a good message recovers.
 */
class BadInputTest {
    private static final String[] NAMES = {"j0", "j1"};

    private long clockMs = 100;

    private FusionRig rig() {
        ObservationStreams streams = ObservationStreams.builder()
                .jointStates("arm", List.of("j0", "j1"), StreamSettings.of(8, 50 * MS))
                .scalars("wrench", List.of("fx", "fy", "fz"), StreamSettings.of(8, 50 * MS))
                .camera("top", CAM_W, CAM_H, StreamSettings.of(4, 100 * MS))
                .build();
        FusionRig rig = new FusionRig(FusionRig.card(1, List.of("j0", "j1", "fz"), "top"), streams, AlignmentMode.ALIGNED, 100 * MS);
        good(rig, 7);
        assertTrue(rig.build(clockMs * MS));
        return rig;
    }

    /** One valid message on every stream, the camera frame numbered {@code k}. */
    private void good(FusionRig rig, int k) {
        clockMs += 10;
        long t = clockMs * MS;
        assertEquals(IngestStatus.ACCEPTED, rig.streams.jointStates("arm").offer(t, t, NAMES, new double[] {k, k + 0.5}));
        assertEquals(IngestStatus.ACCEPTED, rig.streams.scalars("wrench").offer(t, t, new double[] {1, 2, k}, 3));
        assertEquals(IngestStatus.ACCEPTED, rig.frame("top", k, t, t));
    }

    /** Offers a bad message, then checks the whole contract: status, counter, no frame, frame untouched, recovery. */
    private void rejects(String what, IngestStatus expected, String stream, Function<FusionRig, IngestStatus> badMessage) {
        FusionRig rig = rig();
        float[] valid = rig.snapshot();
        clockMs += 10;
        IngestStatus status = badMessage.apply(rig);
        assertEquals(expected, status, what);
        assertEquals(1, rig.streams.stream(stream).counters().count(expected), what + ": counted");
        assertEquals(expected, rig.streams.stream(stream).counters().lastStatus());
        assertFalse(rig.build(clockMs * MS), what + ": no frame from a stream whose newest message was bad");
        assertEquals(FrameFault.INPUT_REJECTED, rig.assembler.lastFault(), what);
        assertEquals(stream, rig.assembler.lastFaultStream(), what);
        assertEquals(1, rig.assembler.faults(FrameFault.INPUT_REJECTED), what);
        assertArrayEquals(valid, rig.snapshot(), what + ": the last valid frame stays in the tensors");
        good(rig, 9);
        assertTrue(rig.build(clockMs * MS), what + ": recovers with the next good message");
        assertEquals(9, rig.frameAt("top", 0));
        assertArrayEquals(new float[] {9f, 9.5f, 9f}, rig.stateAt(0));
    }

    private long now() {
        return clockMs * MS;
    }

    private static byte[] frameBytes(int w, int h, int bpp) {
        byte[] b = new byte[w * h * bpp];
        Arrays.fill(b, (byte) 3);
        return b;
    }

    @Test
    void anImageOfTheWrongSizeIsRejected() {
        rejects("wrong size", IngestStatus.WRONG_SIZE, "top", rig -> rig.streams.camera("top")
                .offer(now(), now(), PixelEncoding.RGB8, CAM_W + 2, CAM_H, (CAM_W + 2) * 3, false, frameBytes(CAM_W + 2, CAM_H, 3), 0, (CAM_W + 2) * CAM_H * 3));
    }

    @Test
    void anUnsupportedEncodingIsRejected() {
        // the bridge maps sensor_msgs/Image encoding names; yuv422 has no PixelEncoding
        assertEquals(null, PixelEncoding.fromRosName("yuv422"));
        rejects("unsupported encoding", IngestStatus.UNSUPPORTED_ENCODING, "top", rig -> rig.streams.camera("top")
                .offer(now(), now(), PixelEncoding.fromRosName("yuv422"), CAM_W, CAM_H, CAM_W * 2, false, frameBytes(CAM_W, CAM_H, 2), 0, CAM_W * CAM_H * 2));
    }

    @Test
    void aStepShorterThanARowIsRejected() {
        rejects("bad step", IngestStatus.BAD_STEP, "top", rig -> rig.streams.camera("top")
                .offer(now(), now(), PixelEncoding.RGB8, CAM_W, CAM_H, CAM_W * 3 - 1, false, frameBytes(CAM_W, CAM_H, 3), 0, CAM_W * CAM_H * 3));
    }

    @Test
    void dataShorterThanStepTimesHeightIsRejected() {
        rejects("short data", IngestStatus.SHORT_DATA, "top", rig -> rig.streams.camera("top")
                .offer(now(), now(), PixelEncoding.RGBA8, CAM_W, CAM_H, CAM_W * 4 + 8, false, ByteBuffer.wrap(frameBytes(CAM_W + 2, CAM_H, 4), 0, (CAM_W * 4 + 8) * CAM_H - 1)));
    }

    @Test
    void aTruncatedJpegIsRejected() throws IOException {
        Path jpeg = TestPaths.models().resolve("preprocessing/jpeg_96x64_q90.jpg");
        byte[] full = Files.readAllBytes(jpeg);
        byte[] truncated = Arrays.copyOf(full, full.length * 2 / 3);
        ObservationStreams streams = ObservationStreams.builder().camera("top", 96, 64, StreamSettings.of(4, 100 * MS)).build();
        CameraStream cam = streams.camera("top");
        assertEquals(IngestStatus.ACCEPTED, cam.offerCompressed(now(), now(), full, 0, full.length));
        assertEquals(IngestStatus.CORRUPT_IMAGE, cam.offerCompressed(now(), now(), truncated, 0, truncated.length));
        // and through the whole contract on the rig's camera, with a JPEG of its size cut short
        rejects("truncated jpeg", IngestStatus.CORRUPT_IMAGE, "top", rig -> rig.streams.camera("top")
                .offerCompressed(now(), now(), ByteBuffer.wrap(Arrays.copyOf(tinyJpeg(), tinyJpeg().length - 40))));
    }

    /** An 8x6 JPEG made by ImageIO for the rig's camera. */
    private static byte[] tinyJpeg() {
        try {
            var img = new java.awt.image.BufferedImage(CAM_W, CAM_H, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
            for (int y = 0; y < CAM_H; y++) {
                for (int x = 0; x < CAM_W; x++) {
                    img.setRGB(x, y, (x * 30) << 16 | (y * 40) << 8 | 77);
                }
            }
            var bytes = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(img, "jpeg", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aMessageWithoutAProvidedJointIsRejected() {
        rejects("missing joint", IngestStatus.MISSING_JOINT, "arm",
                rig -> rig.streams.jointStates("arm").offer(now(), now(), new String[] {"j0", "gripper"}, new double[] {1, 2}));
    }

    @Test
    void aMessageNamingAJointTwiceIsRejected() {
        rejects("duplicate joint", IngestStatus.DUPLICATE_JOINT, "arm",
                rig -> rig.streams.jointStates("arm").offer(now(), now(), new String[] {"j0", "j1", "j0"}, new double[] {1, 2, 3}));
    }

    @Test
    void namesAndPositionsOfDifferentLengthAreRejected() {
        rejects("length mismatch", IngestStatus.LENGTH_MISMATCH, "arm",
                rig -> rig.streams.jointStates("arm").offer(now(), now(), NAMES, new double[] {1}));
    }

    @Test
    void aNanJointPositionIsRejected() {
        rejects("NaN joint", IngestStatus.NOT_FINITE, "arm",
                rig -> rig.streams.jointStates("arm").offer(now(), now(), NAMES, new double[] {1, Double.NaN}));
    }

    @Test
    void anInfiniteScalarIsRejected() {
        rejects("infinite wrench", IngestStatus.NOT_FINITE, "wrench",
                rig -> rig.streams.scalars("wrench").offer(now(), now(), new double[] {1, Double.POSITIVE_INFINITY, 0}, 3));
    }

    @Test
    void aScalarMessageOfTheWrongWidthIsRejected() {
        rejects("wrench width", IngestStatus.LENGTH_MISMATCH, "wrench", rig -> rig.streams.scalars("wrench").offer(now(), now(), 4.0));
    }

    @Test
    void aNanInAJointTheStreamDoesNotProvideIsIgnored() {
        FusionRig rig = rig();
        clockMs += 10;
        assertEquals(IngestStatus.ACCEPTED,
                rig.streams.jointStates("arm").offer(now(), now(), new String[] {"j1", "j0", "other"}, new double[] {4.5, 4, Double.NaN}));
    }

    @Test
    void aRenamedPublisherIsRemappedAndRepeatedBadNamesStayRejected() {
        FusionRig rig = rig();
        JointStateStream arm = rig.streams.jointStates("arm");
        String[] bad = {"j0", "j0"};
        clockMs += 10;
        assertEquals(IngestStatus.DUPLICATE_JOINT, arm.offer(now(), now(), bad, new double[] {1, 2}));
        assertEquals(IngestStatus.DUPLICATE_JOINT, arm.offer(now(), now(), bad, new double[] {1, 2}), "the cached mapping stays bad");
        assertEquals(2, arm.counters().count(IngestStatus.DUPLICATE_JOINT));
        // same names as new String objects in another order
        assertEquals(IngestStatus.ACCEPTED, arm.offer(now(), now(), new String[] {new String("j1"), new String("j0")}, new double[] {8.5, 8}));
    }

    @Test
    void colorFramesForAOneChannelInputAreNotBuilt() {
        InputSpec depth = new InputSpec("observation.depth", "observation.depth", InputType.IMAGE, List.of(), "depth", 1, NormalizationMode.IDENTITY,
                new ImageSpec(1, CAM_H, CAM_W, ResizeMode.NONE, PixelScale.UNIT));
        PolicyCard card = new PolicyCard(Path.of("depth.yaml"), "depth", PolicyKind.CHUNK, new ModelRef(Path.of("m.onnx"), "0".repeat(64)), List.of(depth),
                new OutputSpec("action", "action", List.of("a"), 1, ActionSemantics.ABSOLUTE, NormalizationMode.IDENTITY),
                new NormalizationSettings(NormalizationVariant.LEROBOT, 1e-8), java.util.Map.of(), new Rates(10, 50),
                ExecutionSettings.queue(1), null, null);
        ObservationStreams streams = ObservationStreams.builder().camera("depth", CAM_W, CAM_H, StreamSettings.of(4, 100 * MS)).build();
        FusionRig rig = new FusionRig(card, streams, AlignmentMode.ALIGNED, 100 * MS);
        byte[] depthBytes = frameBytes(CAM_W, CAM_H, 2);
        assertEquals(IngestStatus.ACCEPTED, streams.camera("depth").offer(now(), now(), PixelEncoding.DEPTH16, CAM_W, CAM_H, CAM_W * 2, true, depthBytes, 0,
                depthBytes.length));
        assertTrue(rig.build(now()));
        float[] valid = rig.snapshot();
        // big-endian 0x0303 is 771 either way round
        assertEquals(771f / 65535f, valid[0]);
        assertEquals(IngestStatus.ACCEPTED, rig.frame("depth", 1, now() + MS, now() + MS));
        assertFalse(rig.build(now() + MS));
        assertEquals(FrameFault.WRONG_ENCODING, rig.assembler.lastFault());
        assertArrayEquals(valid, rig.snapshot());
    }
}
