package io.chunkrt.fusion;

import static io.chunkrt.fusion.FusionRig.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.card.ActionSemantics;
import io.chunkrt.card.ExecutionSettings;
import io.chunkrt.card.ExecutorKind;
import io.chunkrt.card.FeatureStats;
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
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** After warm-up, ingesting raw messages and building frames allocates nothing, on either side. */
@Tag("allocation")
class FusionAllocationTest {
    private static final int WARMUP = 20_000;
    private static final int MEASURED = 10_000;

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** What reading the counter itself costs, so it can be subtracted. */
    private static long counterOverhead() {
        long first = allocatedBytes();
        long second = allocatedBytes();
        return second - first;
    }

    @Test
    void rawIngestAndFrameBuildingAllocateNothingAfterWarmUp() {
        List<String> joints = List.of("r1", "l0", "grip", "r0", "l1");
        InputSpec state = new InputSpec("observation.state", "observation.state", InputType.STATE, joints, null, 2, NormalizationMode.MEAN_STD, null);
        InputSpec top = new InputSpec("observation.images.top", "observation.images.top", InputType.IMAGE, List.of(), "top", 2, NormalizationMode.IMAGENET,
                new ImageSpec(3, 24, 32, ResizeMode.BILINEAR, PixelScale.UNIT));
        InputSpec wrist = new InputSpec("observation.images.wrist", "observation.images.wrist", InputType.IMAGE, List.of(), "wrist", 2,
                NormalizationMode.IDENTITY, new ImageSpec(3, 20, 28, ResizeMode.AREA, PixelScale.SYMMETRIC));
        InputSpec depth = new InputSpec("observation.images.depth", "observation.images.depth", InputType.IMAGE, List.of(), "depth", 1,
                NormalizationMode.IDENTITY, new ImageSpec(1, 32, 32, ResizeMode.LETTERBOX, PixelScale.UNIT));
        InputSpec raw = new InputSpec("observation.images.raw", "observation.images.raw", InputType.IMAGE, List.of(), "top", 1, NormalizationMode.IDENTITY,
                new ImageSpec(3, 48, 64, ResizeMode.NONE, PixelScale.UNIT));
        PolicyCard card = new PolicyCard(Path.of("alloc.yaml"), "alloc", PolicyKind.CHUNK, new ModelRef(Path.of("m.onnx"), "0".repeat(64)),
                List.of(state, top, wrist, depth, raw), new OutputSpec("action", "action", List.of("a"), 1, ActionSemantics.ABSOLUTE, NormalizationMode.IDENTITY),
                new NormalizationSettings(NormalizationVariant.LEROBOT, 1e-8),
                Map.of("observation.state", new FeatureStats(Map.of("mean", new float[] {0, 1, 2, 3, 4}, "std", new float[] {1, 2, 3, 4, 5}))),
                new Rates(30, 100), ExecutionSettings.queue(1), null, null);
        ObservationStreams streams = ObservationStreams.builder()
                .jointStates("left", List.of("l0", "l1"), StreamSettings.of(16, 50 * MS))
                .jointStates("right", List.of("r0", "r1"), StreamSettings.of(16, 50 * MS))
                .scalars("gripper", List.of("grip"), StreamSettings.of(16, 50 * MS))
                .camera("top", 64, 48, StreamSettings.of(4, 100 * MS))
                .camera("wrist", 64, 48, StreamSettings.of(4, 100 * MS))
                .camera("depth", 40, 30, StreamSettings.of(4, 100 * MS))
                .build();
        FrameAssembler assembler = new FrameAssembler(card, streams, AlignmentMode.ALIGNED);
        ObservationTensors out = new ObservationTensors(card);
        JointStateStream left = streams.jointStates("left");
        JointStateStream right = streams.jointStates("right");
        ScalarStream gripper = streams.scalars("gripper");
        CameraStream topCam = streams.camera("top");
        CameraStream wristCam = streams.camera("wrist");
        CameraStream depthCam = streams.camera("depth");
        String[] leftNames = {"l1", "x", "l0"};
        String[] rightNames = {"r0", "r1"};
        double[] leftPos = new double[3];
        double[] rightPos = new double[2];
        byte[] rgb = new byte[64 * 48 * 3 + 64 * 3];
        ByteBuffer bgra = ByteBuffer.allocateDirect(64 * 48 * 4);
        byte[] depthBytes = new byte[40 * 30 * 2];
        long[] built = new long[1];

        Runnable tick = new Runnable() {
            long tick;

            @Override
            public void run() {
                long now = 1_000 * MS + tick * 10 * MS;
                leftPos[0] = tick;
                leftPos[2] = -tick;
                rightPos[0] = tick * 0.5;
                rightPos[1] = 1;
                left.offer(now - 3 * MS, now - MS, leftNames, 3, leftPos, 3);
                right.offer(now - 2 * MS, now - MS, rightNames, 2, rightPos, 2);
                gripper.offer(now - 2 * MS, now - MS, tick % 7);
                if (tick % 3 == 0) {
                    rgb[(int) (tick % rgb.length)] = (byte) tick;
                    topCam.offer(now - 9 * MS, now - MS, PixelEncoding.RGB8, 64, 48, 64 * 3 + 3, false, rgb, 0, rgb.length);
                    bgra.put((int) (tick % bgra.capacity()), (byte) tick);
                    wristCam.offer(now - 8 * MS, now - MS, PixelEncoding.BGRA8, 64, 48, 64 * 4, false, bgra);
                    depthCam.offer(now - 7 * MS, now - MS, PixelEncoding.DEPTH16, 40, 30, 80, true, depthBytes, 0, depthBytes.length);
                }
                if (assembler.build(now, out)) {
                    built[0]++;
                }
                tick++;
            }
        };
        for (int i = 0; i < WARMUP; i++) {
            tick.run();
        }
        long builtBefore = built[0];
        long before = allocatedBytes();
        for (int i = 0; i < MEASURED; i++) {
            tick.run();
        }
        long allocated = allocatedBytes() - before - counterOverhead();
        assertEquals(MEASURED, built[0] - builtBefore, () -> "every measured tick builds a frame; last fault " + assembler.lastFault() + " at "
                + assembler.lastFaultStream());
        assertEquals(0, allocated, "bytes allocated over " + MEASURED + " ticks of ingest + build");
        assertTrue(topCam.counters().count(IngestStatus.ACCEPTED) > MEASURED / 3);
    }
}
