package io.chunkrt.fusion;

import static io.chunkrt.fusion.FusionRig.MS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 2: synthetic 30 Hz camera and 125 Hz joint streams with jitter, dropped frames, out-of-order arrival
 * and clock jumps; every expected selection below was worked out by hand from the stamps in the comments.
 *
 * <p>Camera "top", frame k stamped (ms after BASE): 0, 33.4, 66.6, 100.1, 133.3, 166.8, 200.0, 233.2, 266.9, 300.0
 * (k = 0..9), received 12 ms later. Arm "left" (joints j0, j1), sample m stamped 8 m + jitter[m % 4] with jitter
 * (+0.3, -0.4, +0.9, -0.7) ms, received 2 ms later, positions (m, 100 + m). Two history steps 100 ms apart.
 */
class AlignmentTest {
    private static final long BASE = 10_000 * MS;
    private static final double[] CAMERA_MS = {0, 33.4, 66.6, 100.1, 133.3, 166.8, 200.0, 233.2, 266.9, 300.0};
    private static final double[] JITTER_MS = {0.3, -0.4, 0.9, -0.7};

    private static long at(double ms) {
        return BASE + Math.round(ms * 1e6);
    }

    private static double jointMs(int m) {
        return 8 * m + JITTER_MS[m % 4];
    }

    private static FusionRig rig(AlignmentMode mode) {
        ObservationStreams streams = ObservationStreams.builder()
                .jointStates("left", List.of("j0", "j1"), StreamSettings.of(32, 40 * MS))
                .camera("top", FusionRig.CAM_W, FusionRig.CAM_H, StreamSettings.of(6, 100 * MS))
                .build();
        return new FusionRig(FusionRig.card(2, List.of("j0", "j1"), "top"), streams, mode, 100 * MS);
    }

    private static void joint(FusionRig rig, int m, long receiveNs) {
        IngestStatus s = rig.streams.jointStates("left").offer(at(jointMs(m)), receiveNs, new String[] {"j0", "j1"}, new double[] {m, 100 + m});
        assertEquals(IngestStatus.ACCEPTED, s, "joint sample " + m);
    }

    private static void joint(FusionRig rig, int m) {
        joint(rig, m, at(jointMs(m) + 2));
    }

    private static void camera(FusionRig rig, int k) {
        assertEquals(IngestStatus.ACCEPTED, rig.frame("top", k, at(CAMERA_MS[k]), at(CAMERA_MS[k] + 12)), "camera frame " + k);
    }

    /** Joints 0..38 and frames 0..9 in order, as a real robot delivers them (interleaved by receive time). */
    private static void nominal(FusionRig rig, int lastJoint, boolean skipFrame6) {
        int k = 0;
        for (int m = 0; m <= lastJoint; m++) {
            while (k < CAMERA_MS.length && CAMERA_MS[k] + 12 <= jointMs(m) + 2) {
                if (!(skipFrame6 && k == 6)) {
                    camera(rig, k);
                }
                k++;
            }
            joint(rig, m);
        }
        for (; k < CAMERA_MS.length; k++) {
            camera(rig, k);
        }
    }

    private static void assertJointSample(FusionRig rig, int step, int m) {
        assertArrayEquals(new float[] {m, 100 + m}, rig.stateAt(step), "state step " + step + " should be joint sample " + m);
    }

    @Test
    void alignsEveryStreamToTheNewestCommonTimeSteppingBackByThePeriod() {
        FusionRig rig = rig(AlignmentMode.ALIGNED);
        nominal(rig, 38, false);
        assertTrue(rig.build(at(313)), () -> "not built: " + rig.assembler.lastFault());
        // newest: camera 300.0, joints m=38 at 304.9 -> t0 = 300.0; targets 200.0 and 300.0
        assertEquals(at(300.0), rig.out.stampNs());
        assertEquals(6, rig.frameAt("top", 0), "frame 6 is stamped exactly 200.0: at or before counts");
        assertEquals(9, rig.frameAt("top", 1));
        // joints: m=25 at 199.6 <= 200.0 < m=26 at 208.9; m=37 at 295.6 <= 300.0 < m=38 at 304.9
        assertJointSample(rig, 0, 25);
        assertJointSample(rig, 1, 37);
        assertEquals(at(199.6), rig.assembler.selectedTimeNs("left", 0));
        assertEquals(at(295.6), rig.assembler.selectedTimeNs("left", 1));
        assertEquals(1, rig.assembler.built());
    }

    @Test
    void aDroppedCameraFrameIsReplacedByTheOneBeforeIt() {
        FusionRig rig = rig(AlignmentMode.ALIGNED);
        nominal(rig, 38, true);
        assertTrue(rig.build(at(313)));
        // frame 6 (200.0) never arrived: the last frame at or before 200.0 is frame 5 at 166.8
        assertEquals(5, rig.frameAt("top", 0));
        assertEquals(9, rig.frameAt("top", 1));
        assertJointSample(rig, 0, 25);
        assertJointSample(rig, 1, 37);
    }

    @Test
    void outOfOrderArrivalSelectsBySampleTimeNotArrivalOrder() {
        FusionRig rig = rig(AlignmentMode.ALIGNED);
        nominal(rig, 36, false);
        // m=38 arrives before m=37, and camera frame 9 was already there; then frame 8 is re-sent late (a retransmit)
        joint(rig, 38, at(306.9));
        joint(rig, 37, at(307.0));
        assertEquals(IngestStatus.ACCEPTED, rig.frame("top", 8, at(CAMERA_MS[8]), at(308)));
        assertTrue(rig.build(at(313)));
        assertEquals(6, rig.frameAt("top", 0));
        assertEquals(9, rig.frameAt("top", 1), "frame 8 arrived last but frame 9 has the later stamp");
        assertJointSample(rig, 0, 25);
        assertJointSample(rig, 1, 37);
    }

    @Test
    void theSlowestStreamAnchorsTheFrame() {
        FusionRig rig = rig(AlignmentMode.ALIGNED);
        nominal(rig, 36, false);
        // joints stop at m=36 (288.3) -> t0 = 288.3; targets 188.3 and 288.3
        assertTrue(rig.build(at(300)));
        assertEquals(at(288.3), rig.out.stampNs());
        assertEquals(5, rig.frameAt("top", 0), "frame 5 (166.8) <= 188.3 < frame 6 (200.0)");
        assertEquals(8, rig.frameAt("top", 1), "frame 8 (266.9) <= 288.3 < frame 9 (300.0)");
        assertJointSample(rig, 0, 23); // m=23 at 183.3 <= 188.3 < m=24 at 192.3
        assertJointSample(rig, 1, 36); // exactly at the target
    }

    @Test
    void latestModeTakesEachStreamsNewestSample() {
        FusionRig rig = rig(AlignmentMode.LATEST);
        nominal(rig, 38, false);
        assertTrue(rig.build(at(313)));
        assertEquals(6, rig.frameAt("top", 0));
        assertEquals(9, rig.frameAt("top", 1));
        // joints from their own newest, m=38 at 304.9: targets 204.9 -> m=25 (199.6), 304.9 -> m=38
        assertJointSample(rig, 0, 25);
        assertJointSample(rig, 1, 38);
        assertEquals(at(300.0), rig.out.stampNs(), "the frame is stamped with the oldest of the streams' newest times");
    }

    @Test
    void aStampJumpingBackIsRejectedAndTheFrameWaitsForAGoodSample() {
        FusionRig rig = rig(AlignmentMode.ALIGNED);
        nominal(rig, 38, false);
        assertTrue(rig.build(at(313)));
        float[] before = rig.snapshot();
        JointStateStream arm = rig.streams.jointStates("left");
        // a stamp 5 s in the past, received now
        assertEquals(IngestStatus.CLOCK_JUMP, arm.offer(at(312.3 - 5000), at(314.3), new String[] {"j0", "j1"}, new double[] {-1, -1}));
        assertFalse(rig.build(at(315)));
        assertEquals(FrameFault.INPUT_REJECTED, rig.assembler.lastFault());
        assertEquals("left", rig.assembler.lastFaultStream());
        assertArrayEquals(before, rig.snapshot(), "a frame that is not built leaves the last valid one in place");
        assertEquals(1, arm.counters().count(IngestStatus.CLOCK_JUMP));
        // the next sample on the old timeline is good again
        joint(rig, 39);
        assertTrue(rig.build(at(315)));
        assertJointSample(rig, 0, 25);
        assertJointSample(rig, 1, 37);
        assertEquals(1, rig.assembler.faults(FrameFault.INPUT_REJECTED));
    }

    @Test
    void aStampRunningAheadOfItsReceiveTimeIsRejected() {
        FusionRig rig = rig(AlignmentMode.ALIGNED);
        nominal(rig, 38, false);
        // 2 s in the future: beyond the 100 ms tolerance
        assertEquals(IngestStatus.STAMP_IN_FUTURE, rig.frame("top", 10, at(2312), at(312)));
        assertEquals(1, rig.streams.camera("top").counters().count(IngestStatus.STAMP_IN_FUTURE));
    }

    @Test
    void aForwardJumpOfAnIndependentClockIsCaughtByComparingStampAndReceiveProgress() {
        // header stamps from a camera's own clock: no stamp-vs-receive tolerance, only the jump check
        ObservationStreams streams = ObservationStreams.builder()
                .jointStates("left", List.of("j0", "j1"), new StreamSettings(32, 40 * MS, Long.MAX_VALUE, 1000 * MS, 3))
                .build();
        JointStateStream arm = streams.jointStates("left");
        String[] names = {"j0", "j1"};
        assertEquals(IngestStatus.ACCEPTED, arm.offer(7 * MS, 900_000 * MS, names, new double[] {0, 0}));
        assertEquals(IngestStatus.ACCEPTED, arm.offer(15 * MS, 900_008 * MS, names, new double[] {0, 0}));
        // the stamp advances 1508 ms while the receive time advances 8 ms
        assertEquals(IngestStatus.CLOCK_JUMP, arm.offer(1523 * MS, 900_016 * MS, names, new double[] {0, 0}));
        assertEquals(IngestStatus.ACCEPTED, arm.offer(23 * MS, 900_024 * MS, names, new double[] {0, 0}));
        assertEquals(3, arm.counters().count(IngestStatus.ACCEPTED));
        assertEquals(1, arm.counters().rejected());
    }

    @Test
    void aPersistentClockJumpResyncsTheStreamOntoItsNewTimeline() {
        FusionRig rig = rig(AlignmentMode.ALIGNED);
        nominal(rig, 38, false);
        JointStateStream arm = rig.streams.jointStates("left");
        String[] names = {"j0", "j1"};
        // the arm's clock restarts 5 s earlier and stays there
        assertEquals(IngestStatus.CLOCK_JUMP, arm.offer(at(312.3 - 5000), at(314.3), names, new double[] {1, 1}));
        assertEquals(IngestStatus.CLOCK_JUMP, arm.offer(at(320.3 - 5000), at(322.3), names, new double[] {2, 2}));
        assertEquals(IngestStatus.ACCEPTED, arm.offer(at(328.3 - 5000), at(330.3), names, new double[] {3, 3}), "third in a row: resync");
        assertEquals(1, arm.counters().resyncs());
        // the old samples are gone
        assertFalse(rig.build(at(331)));
        // t0 is now the arm's new newest time, 5 s before the camera's frames: no history step can be covered
        assertEquals(FrameFault.HISTORY_NOT_COVERED, rig.assembler.lastFault());
        assertEquals("left", rig.assembler.lastFaultStream(), "its one new-timeline sample cannot cover the older step");
    }

    @Test
    void staleStreamsAndGapsAreNotBuiltAndNameTheStream() {
        FusionRig rig = rig(AlignmentMode.ALIGNED);
        nominal(rig, 38, false);
        // arm last received 306.9 (limit 40 ms), camera 312 (limit 100 ms)
        assertTrue(rig.build(at(340)));
        assertFalse(rig.build(at(412.1)));
        assertEquals(FrameFault.STALE, rig.assembler.lastFault());
        assertEquals("left", rig.assembler.lastFaultStream(), "the arm (last received 306.9, limit 40 ms) went stale first");
        assertEquals(1, rig.assembler.faults(FrameFault.STALE));

        FusionRig gap = rig(AlignmentMode.ALIGNED);
        for (int k = 0; k < CAMERA_MS.length; k++) {
            camera(gap, k);
        }
        for (int m = 0; m <= 18; m++) {
            joint(gap, m); // up to 144.9
        }
        joint(gap, 38); // then nothing until 304.9
        assertFalse(gap.build(at(313)));
        // target 200.0 takes m=18 at 144.9: 55.1 ms before it, over the 40 ms limit
        assertEquals(FrameFault.ALIGNMENT_GAP, gap.assembler.lastFault());
        assertEquals("left", gap.assembler.lastFaultStream());
    }

    @Test
    void nothingIsBuiltUntilEveryStreamHasDataAndTheHistoryIsCovered() {
        FusionRig rig = rig(AlignmentMode.ALIGNED);
        assertFalse(rig.build(at(0)));
        assertEquals(FrameFault.NO_DATA, rig.assembler.lastFault());
        assertEquals("left", rig.assembler.lastFaultStream());
        for (int m = 0; m <= 13; m++) {
            joint(rig, m); // up to 103.6
        }
        assertFalse(rig.build(at(106)));
        assertEquals(FrameFault.NO_DATA, rig.assembler.lastFault());
        assertEquals("top", rig.assembler.lastFaultStream());
        for (int k = 0; k <= 3; k++) {
            camera(rig, k); // up to 100.1
        }
        // t0 = 100.1; the older target 0.1 precedes the first joint sample (0.3)
        assertFalse(rig.build(at(113)));
        assertEquals(FrameFault.HISTORY_NOT_COVERED, rig.assembler.lastFault());
        assertEquals("left", rig.assembler.lastFaultStream());
        for (int m = 14; m <= 17; m++) {
            joint(rig, m); // up to 135.6
        }
        camera(rig, 4); // 133.3
        assertTrue(rig.build(at(146)));
        // t0 = 133.3; targets 33.3 and 133.3
        assertEquals(0, rig.frameAt("top", 0), "frame 1 (33.4) is just after 33.3");
        assertEquals(4, rig.frameAt("top", 1));
        assertJointSample(rig, 0, 4); // 32.3
        assertJointSample(rig, 1, 16); // 128.3 <= 133.3 < 135.6
        assertEquals(1, rig.assembler.faults(FrameFault.HISTORY_NOT_COVERED));
        assertEquals(2, rig.assembler.faults(FrameFault.NO_DATA));
    }

    @Test
    void twoArmsTwoCamerasAndAScalarMapByNameInAnyOrder() {
        ObservationStreams streams = ObservationStreams.builder()
                .jointStates("left", List.of("l0", "l1"), StreamSettings.of(16, 40 * MS))
                .jointStates("right", List.of("r0", "r1"), StreamSettings.of(16, 40 * MS))
                .scalars("gripper", List.of("grip"), StreamSettings.of(16, 40 * MS))
                .camera("top", FusionRig.CAM_W, FusionRig.CAM_H, StreamSettings.of(4, 100 * MS))
                .camera("wrist", FusionRig.CAM_W, FusionRig.CAM_H, StreamSettings.of(4, 100 * MS))
                .build();
        FusionRig rig = new FusionRig(FusionRig.card(1, List.of("r1", "l0", "grip", "r0", "l1"), "top", "wrist"), streams, AlignmentMode.ALIGNED,
                100 * MS);
        JointStateStream left = streams.jointStates("left");
        JointStateStream right = streams.jointStates("right");
        // left lists its joints reversed and with an extra name; values v -> l0 = v, l1 = v + 0.5
        String[] leftNames = {"l1", "extra", "l0"};
        for (int v = 1; v <= 3; v++) {
            assertEquals(IngestStatus.ACCEPTED, left.offer(at(92 + 8 * v), at(94 + 8 * v), leftNames, new double[] {v + 0.5, 99, v}));
        }
        // right at 103, 111, 119 with values 11, 12, 13 -> r0 = w, r1 = w + 0.5
        for (int w = 11; w <= 13; w++) {
            assertEquals(IngestStatus.ACCEPTED, right.offer(at(103 + 8 * (w - 11)), at(105 + 8 * (w - 11)), new String[] {"r0", "r1"},
                    new double[] {w, w + 0.5}));
        }
        streams.scalars("gripper").offer(at(110), at(111), 0.25);
        streams.scalars("gripper").offer(at(125), at(126), 0.75);
        rig.frame("top", 1, at(95), at(107));
        rig.frame("top", 2, at(128.3), at(140));
        rig.frame("wrist", 5, at(105), at(115));
        rig.frame("wrist", 6, at(138.3), at(150));
        assertTrue(rig.build(at(152)), () -> "not built: " + rig.assembler.lastFault());
        // newest: left 116, right 119, gripper 125, top 128.3, wrist 138.3 -> t0 = 116
        assertEquals(at(116), rig.out.stampNs());
        // r1, l0, grip, r0, l1 from right 111 (w = 12), left 116 (v = 3), gripper 110
        assertArrayEquals(new float[] {12.5f, 3f, 0.25f, 12f, 3.5f}, rig.stateAt(0));
        assertEquals(1, rig.frameAt("top", 0), "top 95 <= 116 < 128.3");
        assertEquals(5, rig.frameAt("wrist", 0), "wrist 105 <= 116 < 138.3");
    }
}
