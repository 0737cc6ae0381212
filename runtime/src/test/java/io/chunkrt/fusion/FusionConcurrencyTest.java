package io.chunkrt.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Real producer threads against the inference thread: every built frame holds whole samples (no torn image or
 * state) and the content of each step is the sample the selection reports. The test thread owns a virtual clock;
 * each producer publishes its next sample once the clock has reached the sample's stamp, so the streams keep their
 * rates relative to one another while the threads race freely.
 */
class FusionConcurrencyTest {
    private static final long CAMERA_PERIOD = 1_000_000L;
    private static final long ARM_PERIOD = 250_000L;
    private static final long WRIST_OFFSET = CAMERA_PERIOD / 3;
    private static final int FRAMES = 2_000;

    @Test
    void concurrentProducersNeverTearTheFramesTheAssemblerBuilds() throws InterruptedException {
        // receive time = stamp; generous limits: the threads are scheduled unevenly on a shared machine
        StreamSettings arm = new StreamSettings(24, Long.MAX_VALUE / 4, Long.MAX_VALUE, Long.MAX_VALUE / 4, 3);
        StreamSettings cams = new StreamSettings(6, Long.MAX_VALUE / 4, Long.MAX_VALUE, Long.MAX_VALUE / 4, 3);
        ObservationStreams streams = ObservationStreams.builder()
                .jointStates("arm", List.of("a", "b"), arm)
                .camera("top", FusionRig.CAM_W, FusionRig.CAM_H, cams)
                .camera("wrist", FusionRig.CAM_W, FusionRig.CAM_H, cams)
                .build();
        FusionRig rig = new FusionRig(FusionRig.card(2, List.of("a", "b"), "top", "wrist"), streams, AlignmentMode.ALIGNED, 2 * CAMERA_PERIOD);
        AtomicLong clock = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread armThread = new Thread(() -> {
            String[] names = {"b", "a"};
            double[] pos = new double[2];
            for (long m = 0; !stop.get(); m++) {
                long stamp = (m + 1) * ARM_PERIOD;
                while (clock.get() < stamp && !stop.get()) {
                    Thread.onSpinWait();
                }
                pos[0] = m;
                pos[1] = m;
                streams.jointStates("arm").offer(stamp, stamp, names, pos);
            }
        }, "arm-producer");
        Thread top = camera(streams, "top", clock, stop, 0);
        Thread wrist = camera(streams, "wrist", clock, stop, WRIST_OFFSET);
        List<Thread> producers = List.of(armThread, top, wrist);
        for (Thread t : producers) {
            t.setUncaughtExceptionHandler((th, e) -> failure.set(e));
            t.start();
        }
        int built = 0;
        long attempts = 0;
        try {
            while (built < FRAMES && attempts < 5_000_000L && failure.get() == null) {
                attempts++;
                long now = clock.addAndGet(ARM_PERIOD / 5);
                if (!rig.build(now)) {
                    continue;
                }
                built++;
                for (String cam : new String[] {"top", "wrist"}) {
                    long offset = cam.equals("top") ? 0 : WRIST_OFFSET;
                    for (int step = 0; step < 2; step++) {
                        long k = (rig.assembler.selectedTimeNs(cam, step) - offset) / CAMERA_PERIOD - 1;
                        assertEquals(k & 0xFF, rig.frameAt(cam, step), cam + " step " + step + " holds another frame than the one selected");
                    }
                }
                for (int step = 0; step < 2; step++) {
                    float m = rig.assembler.selectedTimeNs("arm", step) / ARM_PERIOD - 1;
                    assertArrayEquals(new float[] {m, m}, rig.stateAt(step), "arm step " + step);
                }
            }
        } finally {
            stop.set(true);
            for (Thread t : producers) {
                t.join();
            }
        }
        if (failure.get() != null) {
            throw new AssertionError("a producer failed", failure.get());
        }
        assertEquals(FRAMES, built, "frames built in " + attempts + " attempts; contended " + rig.assembler.faults(FrameFault.CONTENDED)
                + ", history not covered " + rig.assembler.faults(FrameFault.HISTORY_NOT_COVERED));
        for (String s : new String[] {"arm", "top", "wrist"}) {
            assertEquals(0, streams.stream(s).counters().count(IngestStatus.RING_FULL), s + " never found every slot pinned");
            assertTrue(streams.stream(s).counters().count(IngestStatus.ACCEPTED) > 10, s + " delivered");
        }
    }

    private static Thread camera(ObservationStreams streams, String name, AtomicLong clock, AtomicBoolean stop, long offsetNs) {
        return new Thread(() -> {
            for (long k = 0; !stop.get(); k++) {
                long stamp = offsetNs + (k + 1) * CAMERA_PERIOD;
                while (clock.get() < stamp && !stop.get()) {
                    Thread.onSpinWait();
                }
                // every byte of frame k is k: a torn read would mix two values
                FusionRigFrames.offer(streams.camera(name), (int) k, stamp);
            }
        }, name + "-producer");
    }
}
