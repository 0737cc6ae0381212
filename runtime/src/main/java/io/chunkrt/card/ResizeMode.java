package io.chunkrt.card;

/** How a camera frame of another size is brought to the network's input size. */
public enum ResizeMode {
    BILINEAR,
    AREA,
    /** Resize keeping the aspect ratio, then pad (pi0 and SmolVLA's resize_with_pad). */
    LETTERBOX,
    NONE
}
