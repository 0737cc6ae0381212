package io.chunkrt.fusion;

/** How history steps pick samples. */
public enum AlignmentMode {
    /**
     * Diffusion Policy's real-robot alignment: the newest step's target time is the newest time every stream has
     * reached (the smallest of the streams' newest sample times); older steps step back by the step period; each
     * stream contributes its last sample at or before each target time.
     */
    ALIGNED,
    /**
     * Each stream's own newest sample for the newest step, older steps stepping back by the period from that
     * stream's newest time: the freshest data, not aligned across streams.
     */
    LATEST
}
