package io.chunkrt.card;

/** How a camera frame (after any crop) of another size is brought to the network's input size. */
public enum ResizeMode {
    /**
     * Bilinear with half-pixel centers and no antialiasing: torch {@code F.interpolate(mode="bilinear",
     * align_corners=False)}, torchvision {@code Resize(antialias=False)} on tensors, OpenCV {@code INTER_LINEAR}.
     */
    BILINEAR,
    /** Pixel-area averaging as OpenCV's {@code INTER_AREA} (Diffusion Policy's real-robot image transform). */
    AREA,
    /**
     * Resize keeping the aspect ratio (bilinear), then pad with black on the left and top: LeRobot's
     * {@code resize_with_pad} as SmolVLA uses it (pad value 0 in [0,1], i.e. -1 after the [-1,1] scale).
     */
    LETTERBOX,
    /**
     * As {@link #LETTERBOX} but the padding is split evenly (the extra pixel bottom/right): openpi's
     * {@code resize_with_pad_torch}, which LeRobot's pi0 and pi05 use.
     */
    LETTERBOX_CENTER,
    /** No resize: the (cropped) frame must already have the network's size. */
    NONE
}
