package io.chunkrt.fusion;

/** Why {@link FrameAssembler#build} did not build a frame; each is counted. */
public enum FrameFault {
    /** A stream the card needs has no sample yet (or none since its last resync). */
    NO_DATA,
    /** A stream's newest message was rejected at ingest (see its {@link IngestCounters}); waits for a good one. */
    INPUT_REJECTED,
    /** A stream's newest sample was received longer ago than its staleness limit. */
    STALE,
    /** A stream's newest sample was received after "now" by more than its future tolerance: the assembler's clock jumped back. */
    CLOCK_JUMP,
    /** A stream has no sample at or before a history step's target time (its ring does not reach back far enough yet). */
    HISTORY_NOT_COVERED,
    /** The sample selected for a target time lies further before it than the stream's staleness limit (a gap in the stream). */
    ALIGNMENT_GAP,
    /** A selected frame's encoding does not fit the network (color into a 1-channel input). */
    WRONG_ENCODING,
    /** Producers rewrote the selected slots on every attempt (a ring far too shallow for its rate). */
    CONTENDED;
}
