package io.chunkrt.fusion;

import static io.chunkrt.fusion.FusionRig.MS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.card.InputSpec;
import io.chunkrt.card.InputType;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.fusion.image.PixelEncoding;
import io.chunkrt.policy.ActionChunk;
import io.chunkrt.policy.ObservationTensors;
import io.chunkrt.policy.Policy;
import io.chunkrt.policy.onnx.OnnxPolicies;
import io.chunkrt.testing.ReferenceFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The assembler writes straight into the buffers the ONNX policy is bound to: the act_like policy (two arms, two
 * cameras, mean/std everywhere) gives bit-for-bit the chunk it gives for the same raw values put through the
 * card's normalizers.
 */
class FusionFeedsPolicyTest {
    @Test
    void actLikeRunsOnAssembledObservationsExactlyAsOnRawValues() {
        PolicyCard card = new ReferenceFiles("act_like").card("card");
        List<String> joints = card.input("observation.state").joints();
        ObservationStreams streams = ObservationStreams.builder()
                .jointStates("left", joints.subList(0, 7), StreamSettings.of(16, 50 * MS))
                .jointStates("right", joints.subList(7, 14), StreamSettings.of(16, 50 * MS))
                .camera("top", 64, 48, StreamSettings.of(4, 100 * MS))
                .camera("wrist", 64, 48, StreamSettings.of(4, 100 * MS))
                .build();
        // right arm publishes its names in reverse order; the two cameras are hardware-synchronized (same stamps)
        String[] leftNames = joints.subList(0, 7).toArray(new String[0]);
        String[] rightNames = joints.subList(7, 14).reversed().toArray(new String[0]);
        double[] left = new double[7];
        double[] right = new double[7];
        float[] state = new float[14];
        for (int j = 0; j < 7; j++) {
            left[j] = 0.1 * j - 0.3;
            right[6 - j] = -0.05 * j + 0.2;
            state[j] = (float) left[j];
            state[7 + j] = (float) right[6 - j];
        }
        byte[] top = pattern(64, 48, 3);
        byte[] wrist = pattern(64, 48, 11);
        long t = 5_000 * MS;
        // 125 Hz arms: the sample at t - 8 ms is the last one at or before the frame time t - 5 ms (top's frame)
        assertEquals(IngestStatus.ACCEPTED, streams.jointStates("left").offer(t - 8 * MS, t - 7 * MS, leftNames, left));
        assertEquals(IngestStatus.ACCEPTED, streams.jointStates("right").offer(t - 7 * MS, t - 6 * MS, rightNames, right));
        assertEquals(IngestStatus.ACCEPTED, streams.jointStates("left").offer(t, t + MS, leftNames, new double[] {9, 9, 9, 9, 9, 9, 9}));
        assertEquals(IngestStatus.ACCEPTED, streams.jointStates("right").offer(t + MS, t + 2 * MS, rightNames, new double[] {9, 9, 9, 9, 9, 9, 9}));
        assertEquals(IngestStatus.ACCEPTED, streams.camera("top").offer(t - 5 * MS, t + 3 * MS, PixelEncoding.RGB8, 64, 48, 64 * 3, false, top, 0, top.length));
        assertEquals(IngestStatus.ACCEPTED, streams.camera("wrist").offer(t - 5 * MS, t + 4 * MS, PixelEncoding.RGB8, 64, 48, 64 * 3, false, wrist, 0, wrist.length));

        try (Policy policy = OnnxPolicies.open(card, OnnxPolicies.Options.defaults())) {
            ObservationTensors obs = policy.observation();
            FrameAssembler assembler = new FrameAssembler(card, streams, AlignmentMode.ALIGNED);
            assertTrue(assembler.build(t + 5 * MS, obs), () -> "not built: " + assembler.lastFault());
            assertEquals(t - 5 * MS, obs.stampNs(), "stamped with the oldest newest sample (top)");
            float[][] assembled = copy(obs);
            ActionChunk fromStreams = policy.newChunk();
            policy.infer(fromStreams);

            for (int i = 0; i < obs.size(); i++) {
                InputSpec in = obs.spec(i);
                obs.putRaw(i, in.type() == InputType.STATE ? state : unitChw(in.camera().equals("top") ? top : wrist, 64, 48));
            }
            float[][] raw = copy(obs);
            for (int i = 0; i < raw.length; i++) {
                assertArrayEquals(raw[i], assembled[i], obs.spec(i).name() + ": assembled tensor equals putRaw of the same values");
            }
            ActionChunk fromRaw = policy.newChunk();
            policy.infer(fromRaw);
            assertArrayEquals(fromRaw.values(), fromStreams.values());
            assertEquals(t - 5 * MS, fromStreams.observationStampNs());
        }
    }

    private static byte[] pattern(int w, int h, int seed) {
        byte[] b = new byte[w * h * 3];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * seed + (i / 7) * 13);
        }
        return b;
    }

    /** rgb8 HWC to CHW floats in [0, 1] with to_tensor's v / 255. */
    private static float[] unitChw(byte[] rgb, int w, int h) {
        float[] out = new float[3 * w * h];
        for (int p = 0; p < w * h; p++) {
            for (int c = 0; c < 3; c++) {
                out[c * w * h + p] = (rgb[p * 3 + c] & 0xFF) / 255f;
            }
        }
        return out;
    }

    private static float[][] copy(ObservationTensors obs) {
        float[][] out = new float[obs.size()][];
        for (int i = 0; i < obs.size(); i++) {
            out[i] = new float[obs.spec(i).elementCount()];
            obs.tensor(i).get(0, out[i]);
        }
        return out;
    }
}
