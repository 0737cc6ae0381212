package io.chunkrt.fusion;

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
import io.chunkrt.policy.ObservationTensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A small robot for fusion tests: cards built in code (identity normalization, so tensors hold raw values), streams,
 * an assembler and the observation tensors, plus frames whose every pixel carries the frame's number so a test can
 * read back which sample was selected.
 */
final class FusionRig {
    static final long MS = 1_000_000L;
    static final int CAM_W = 8;
    static final int CAM_H = 6;

    final PolicyCard card;
    final ObservationStreams streams;
    final FrameAssembler assembler;
    final ObservationTensors out;
    private final byte[] frame = new byte[CAM_W * CAM_H * 3];

    FusionRig(PolicyCard card, ObservationStreams streams, AlignmentMode mode, long stepPeriodNs) {
        this.card = card;
        this.streams = streams;
        this.assembler = new FrameAssembler(card, streams, mode, stepPeriodNs);
        this.out = new ObservationTensors(card);
    }

    /** A card whose state input lists {@code joints} and which reads one 3x6x8 image per camera, all with {@code history}. */
    static PolicyCard card(int history, List<String> joints, String... cameras) {
        List<InputSpec> inputs = new ArrayList<>();
        inputs.add(new InputSpec("observation.state", "observation.state", InputType.STATE, joints, null, history, NormalizationMode.IDENTITY, null));
        for (String cam : cameras) {
            inputs.add(new InputSpec("observation.images." + cam, "observation.images." + cam, InputType.IMAGE, List.of(), cam, history,
                    NormalizationMode.IDENTITY, new ImageSpec(3, CAM_H, CAM_W, ResizeMode.NONE, PixelScale.UNIT)));
        }
        OutputSpec output = new OutputSpec("action", "action", List.of("a"), 1, ActionSemantics.ABSOLUTE, NormalizationMode.IDENTITY);
        return new PolicyCard(Path.of("fusion_test.yaml"), "fusion_test", PolicyKind.CHUNK, new ModelRef(Path.of("m.onnx"), "0".repeat(64)), inputs,
                output, new NormalizationSettings(NormalizationVariant.LEROBOT, 1e-8), Map.of(), new Rates(10, 50),
                ExecutionSettings.queue(1), null, null);
    }

    /** Offers camera frame number {@code k} (every byte = k) stamped {@code stampNs}, received {@code receiveNs}. */
    IngestStatus frame(String camera, int k, long stampNs, long receiveNs) {
        Arrays.fill(frame, (byte) k);
        return streams.camera(camera).offer(stampNs, receiveNs, PixelEncoding.RGB8, CAM_W, CAM_H, CAM_W * 3, false, frame, 0, frame.length);
    }

    boolean build(long nowNs) {
        return assembler.build(nowNs, out);
    }

    /** The frame number stored in history step {@code step} of a camera's image input. */
    int frameAt(String camera, int step) {
        int index = out.indexOf("observation.images." + camera);
        int size = 3 * CAM_H * CAM_W;
        float first = out.tensor(index).get(step * size);
        float last = out.tensor(index).get(step * size + size - 1);
        if (first != last) {
            throw new AssertionError("image step " + step + " of " + camera + " is not one frame: " + first + " vs " + last);
        }
        return Math.round(first * 255f);
    }

    /** State values of history step {@code step}. */
    float[] stateAt(int step) {
        int index = out.indexOf("observation.state");
        int d = out.spec(index).joints().size();
        float[] v = new float[d];
        out.tensor(index).get(step * d, v);
        return v;
    }

    /** Every float of every input, to prove a failed build left them untouched. */
    float[] snapshot() {
        int n = 0;
        for (int i = 0; i < out.size(); i++) {
            n += out.spec(i).elementCount();
        }
        float[] all = new float[n];
        int at = 0;
        for (int i = 0; i < out.size(); i++) {
            int len = out.spec(i).elementCount();
            out.tensor(i).get(0, all, at, len);
            at += len;
        }
        return all;
    }
}
