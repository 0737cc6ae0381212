package io.chunkrt.fusion;

import io.chunkrt.fusion.image.PixelEncoding;
import java.util.Arrays;

/** Per-thread frame bytes for producers that offer uniform frames. */
final class FusionRigFrames {
    private static final ThreadLocal<byte[]> FRAME = ThreadLocal.withInitial(() -> new byte[FusionRig.CAM_W * FusionRig.CAM_H * 3]);

    private FusionRigFrames() {}

    static IngestStatus offer(CameraStream camera, int k, long stampNs) {
        byte[] frame = FRAME.get();
        Arrays.fill(frame, (byte) k);
        return camera.offer(stampNs, stampNs, PixelEncoding.RGB8, FusionRig.CAM_W, FusionRig.CAM_H, FusionRig.CAM_W * 3, false, frame, 0, frame.length);
    }
}
