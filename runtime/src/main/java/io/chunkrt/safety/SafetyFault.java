package io.chunkrt.safety;

/** Every way the safety layer can change or stop a command; each is counted. */
public enum SafetyFault {
    /** A target had NaN or Inf: the arm held. */
    NON_FINITE_TARGET,
    /** A target was outside the position limits: clamped. */
    POSITION_LIMIT,
    /** The step was scaled to respect a velocity limit. */
    VELOCITY_LIMIT,
    /** The step was scaled to respect an acceleration limit or to be able to brake before a position limit. */
    ACCELERATION_LIMIT,
    /** A target was farther from the measured position than max_relative_target: clamped. */
    MAX_STEP_FROM_MEASURED,
    /** Joint states went stale: the arm held. */
    STALE_OBSERVATION,
    /** No valid action within the staleness limit: the arm held. */
    STALE_ACTION,
    /** The e-stop input is latched: the arm held. */
    ESTOP,
    /** Soft start was ramping from the measured pose. */
    SOFT_START
}
