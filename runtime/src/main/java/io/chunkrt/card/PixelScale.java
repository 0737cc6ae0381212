package io.chunkrt.card;

/** The range 8-bit pixel values are mapped to before normalization. */
public enum PixelScale {
    /** [0, 1], torchvision's ToTensor. */
    UNIT,
    /** [-1, 1], as SigLIP-based policies expect. */
    SYMMETRIC
}
