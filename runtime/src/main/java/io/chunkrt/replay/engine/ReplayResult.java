package io.chunkrt.replay.engine;

import io.chunkrt.control.LoopCounter;
import io.chunkrt.fusion.FrameFault;
import io.chunkrt.fusion.IngestStatus;
import io.chunkrt.safety.SafetyFault;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a replay produced: the commands, the recorded actions they are compared with, and how the pipeline fared.
 *
 * @param cardName          the card's file name
 * @param layout            the recording as it described itself
 * @param settings          how it was replayed
 * @param controlPeriodNs   the control loop's period (the card's control rate)
 * @param actionPeriodNs    the action-step period (the card's policy rate)
 * @param commands          every command, in tick order, with per-tick flags
 * @param actions           the recorded actions, in the card's output joint order (NaN where the recording lacks a joint)
 * @param modelledLatencyNs the inference latency the replay modelled, one value per inference
 * @param inferWallNs       wall time of each policy evaluation (network and sampling loop)
 * @param observationWallNs wall time of each observation build (fusion: alignment, image preprocessing)
 * @param loopCounters      the control loop's counters
 * @param safetyFaults      safety interventions, in ticks, per fault
 * @param frameFaults       observations fusion could not build, per reason
 * @param ingest            rejected messages per stream and reason (only non-zero counts)
 * @param malformed         messages the source could not decode, per topic (only non-zero counts)
 * @param problems          damage in the recording (the replay stopped there), one line each
 * @param firstTickNs       time of the first tick, on the recording's clock
 * @param lastTickNs        time of the last tick
 * @param wallNs            wall time of the whole replay
 */
public record ReplayResult(String cardName, EpisodeLayout layout, ReplaySettings settings, long controlPeriodNs, long actionPeriodNs, CommandLog commands,
        ActionLog actions, Histogram modelledLatencyNs, Histogram inferWallNs, Histogram observationWallNs, Map<LoopCounter, Long> loopCounters,
        Map<SafetyFault, Long> safetyFaults, Map<FrameFault, Long> frameFaults, Map<String, Map<IngestStatus, Long>> ingest,
        Map<String, Long> malformed, List<String> problems, long firstTickNs, long lastTickNs, long wallNs) {
    public ReplayResult {
        loopCounters = Map.copyOf(loopCounters);
        safetyFaults = Map.copyOf(safetyFaults);
        frameFaults = Map.copyOf(frameFaults);
        ingest = Map.copyOf(ingest);
        malformed = Map.copyOf(malformed);
        problems = List.copyOf(problems);
    }

    /** Recording time covered by the ticks. */
    public long replayedNs() {
        return commands.count() == 0 ? 0 : lastTickNs - firstTickNs;
    }

    /** Recording time replayed per unit of wall time. */
    public double speedFactor() {
        return wallNs <= 0 ? 0 : (double) replayedNs() / wallNs;
    }
}
