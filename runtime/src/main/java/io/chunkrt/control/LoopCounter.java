package io.chunkrt.control;

/** Loop health counters; each has one writer thread, any thread may read. */
public enum LoopCounter {
    TICKS,
    /** Whole control periods the loop could not run because it was late. */
    MISSED_PERIODS,
    /** Ticks before the first joint state arrived (no command sent). */
    WAITING_FOR_STATE,
    INFERENCE_REQUESTS,
    CHUNKS_ACCEPTED,
    /** Chunks whose observation was older than the action staleness limit when they arrived. */
    STALE_CHUNKS,
    /** Ticks with no action for the current step (the safety layer held). */
    HOLD_TICKS,
    /** Inference requests the observation source could not serve (not ready). */
    OBSERVATION_NOT_READY,
    INFERENCE_FAILURES,
    /** Ticks while commands were disabled. */
    DISABLED_TICKS,
    /** Ticks that threw: the loop latched a hold (see ControlLoop.failure()). */
    TICK_FAILURES
}
