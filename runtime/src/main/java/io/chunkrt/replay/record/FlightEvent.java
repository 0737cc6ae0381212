package io.chunkrt.replay.record;

/**
 * A decision of the node, recorded on /chunkrt/events (one diagnostic_msgs/DiagnosticStatus each, see
 * docs/replay.md for the schema). {@code code} is a fault's ordinal where the event has one, otherwise -1; {@code a}
 * and {@code b} are the event's two numbers.
 */
public enum FlightEvent {
    /** A chunk was accepted. a: its observation stamp (ns), b: its age when accepted (ns). */
    CHUNK_ACCEPTED("chunk accepted", 0, "observation_stamp_ns", "age_ns"),
    /** A chunk arrived too old and was dropped. a: its observation stamp, b: its age. */
    CHUNK_STALE("chunk stale, dropped", 1, "observation_stamp_ns", "age_ns"),
    /** No action was due: the arm started holding. */
    HOLD_STARTED("hold started (no action for the step)", 1, "", ""),
    /** Holding ended. b: ticks held. */
    HOLD_ENDED("hold ended", 0, "", "ticks"),
    /** A safety fault started changing the commands. code: the SafetyFault. */
    SAFETY_STARTED("safety intervention started", 1, "", ""),
    /** It stopped. code: the SafetyFault, b: ticks it lasted. */
    SAFETY_ENDED("safety intervention ended", 0, "", "ticks"),
    /** Inference was asked for but no observation could be built. code: the FrameFault when known, a: count so far. */
    OBSERVATION_NOT_READY("observation not ready", 1, "count", ""),
    /** Inference failed. a: count so far. */
    INFERENCE_FAILED("inference failed", 2, "count", ""),
    /** The recorder dropped records because a ring was full. a: records dropped so far. */
    RECORDS_DROPPED("flight recorder dropped records (ring full)", 1, "count", ""),
    /** A control tick threw; the loop latched a hold. a: tick failures so far. */
    TICK_FAILED("control tick failed, hold latched", 2, "count", ""),
    /** The operator enabled commands (~/enable true). */
    ENABLED("enabled: commands flow", 0, "", ""),
    /** The operator disabled commands (~/enable false). */
    DISABLED("disabled: commands stop", 0, "", ""),
    /** ~/enable true while the last ~/estop was true: refused. */
    ENABLE_REFUSED("enable refused: the e-stop input is true", 1, "", ""),
    /** The operator's e-stop (~/estop true): the arm holds. */
    ESTOP_REQUESTED("e-stop requested by the operator", 2, "", ""),
    /** ~/estop false: the latch stays until the next enable. */
    ESTOP_RELEASED("e-stop input released", 0, "", "");

    private final String text;
    private final int level;
    private final String aKey;
    private final String bKey;

    FlightEvent(String text, int level, String aKey, String bKey) {
        this.text = text;
        this.level = level;
        this.aKey = aKey;
        this.bKey = bKey;
    }

    /** A short sentence for the status message. */
    public String text() {
        return text;
    }

    /** diagnostic_msgs/DiagnosticStatus level: 0 OK, 1 WARN, 2 ERROR. */
    public int level() {
        return level;
    }

    /** The key under which {@code a} is recorded, or "" when the event has no a. */
    public String aKey() {
        return aKey;
    }

    public String bKey() {
        return bKey;
    }

    /** The name of {@code code} for this event: a SafetyFault or FrameFault name, or "" when the event has no code. */
    public String codeName(int code) {
        return switch (this) {
            case SAFETY_STARTED, SAFETY_ENDED -> code >= 0 && code < SAFETY.length ? SAFETY[code].name() : "";
            case OBSERVATION_NOT_READY -> code >= 0 && code < FRAME.length ? FRAME[code].name() : "";
            default -> "";
        };
    }

    private static final io.chunkrt.safety.SafetyFault[] SAFETY = io.chunkrt.safety.SafetyFault.values();
    private static final io.chunkrt.fusion.FrameFault[] FRAME = io.chunkrt.fusion.FrameFault.values();
}
