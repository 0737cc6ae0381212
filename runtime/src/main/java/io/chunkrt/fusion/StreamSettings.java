package io.chunkrt.fusion;

/**
 * How one stream keeps and judges its samples.
 *
 * @param depth             samples kept in the ring; must cover the history the policy needs at the stream's rate
 *                          plus one slot for the producer (checked against n_obs_steps at start-up)
 * @param staleNs           a frame is not built when the stream's newest sample was received longer ago than this,
 *                          or when a selected sample lies further than this before its target time
 * @param futureToleranceNs how far a header stamp may lie after its receive time (clock offset between hosts);
 *                          {@link Long#MAX_VALUE} when header stamps come from a clock unrelated to receive times
 * @param clockJumpNs       a stamp that goes back by more than this, or whose advance differs from the receive
 *                          time's advance by more than this, is a clock jump
 * @param resyncAfter       consecutive clock-jump messages after which the stream drops its old samples and
 *                          follows the new timeline
 */
public record StreamSettings(int depth, long staleNs, long futureToleranceNs, long clockJumpNs, int resyncAfter) {
    public static final long DEFAULT_FUTURE_TOLERANCE_NS = 100_000_000L;
    public static final long DEFAULT_CLOCK_JUMP_NS = 1_000_000_000L;
    public static final int DEFAULT_RESYNC_AFTER = 3;

    public StreamSettings {
        if (depth < 2) {
            throw new IllegalArgumentException("stream depth is " + depth + "; keep at least 2 samples (history steps + 1)");
        }
        if (staleNs <= 0) {
            throw new IllegalArgumentException("staleness limit is " + staleNs + " ns; expected > 0, e.g. 3 sample periods");
        }
        if (futureToleranceNs < 0) {
            throw new IllegalArgumentException("future tolerance is " + futureToleranceNs + " ns; expected >= 0 (Long.MAX_VALUE disables the check)");
        }
        if (clockJumpNs <= 0) {
            throw new IllegalArgumentException("clock-jump limit is " + clockJumpNs + " ns; expected > 0, larger than the worst delivery jitter");
        }
        if (resyncAfter < 1) {
            throw new IllegalArgumentException("resyncAfter is " + resyncAfter + "; expected >= 1");
        }
    }

    /** Default clock checks: stamps at most 100 ms ahead of receive time, jumps over 1 s, resync after 3. */
    public static StreamSettings of(int depth, long staleNs) {
        return new StreamSettings(depth, staleNs, DEFAULT_FUTURE_TOLERANCE_NS, DEFAULT_CLOCK_JUMP_NS, DEFAULT_RESYNC_AFTER);
    }
}
