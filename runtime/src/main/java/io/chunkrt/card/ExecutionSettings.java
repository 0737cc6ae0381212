package io.chunkrt.card;

/** Chunk-execution defaults from the card; the node's parameters may override them. */
public record ExecutionSettings(ExecutorKind executor, int nActionSteps, double temporalEnsembleCoeff) {}
