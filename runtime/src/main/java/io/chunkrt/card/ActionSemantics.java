package io.chunkrt.card;

/** Whether an action is a joint target or an offset from the measured joint positions. */
public enum ActionSemantics {
    ABSOLUTE,
    DELTA
}
