package io.chunkrt.card;

/** The chunk execution strategy named in a card. */
public enum ExecutorKind {
    QUEUE,
    TEMPORAL_ENSEMBLING,
    RECEDING_HORIZON,
    ASYNC_SPLICING
}
