package io.chunkrt.replay.engine;

/** Told how far a replay has come, from the replay thread, a few times a second of wall time. */
@FunctionalInterface
public interface ReplayProgress {
    ReplayProgress NONE = (replayedNs, totalNs, wallNs) -> { };

    /**
     * @param replayedNs recording time replayed so far
     * @param totalNs    the recording's duration as it claims it
     * @param wallNs     wall time since the replay started
     */
    void update(long replayedNs, long totalNs, long wallNs);
}
