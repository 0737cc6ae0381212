package io.chunkrt.chunking;

/** How actions at the chunk's rate become commands at the controller's rate. */
public enum Interpolation {
    /** The current action until the next step. */
    HOLD,
    /** Straight from the current action to the next over the step. */
    LINEAR,
    /** Catmull-Rom cubic Hermite through the previous, current, next and following actions (C1 across steps). */
    CUBIC_HERMITE
}
