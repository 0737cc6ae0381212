package io.chunkrt.card;

import io.chunkrt.chunking.Interpolation;
import io.chunkrt.chunking.SpliceAggregate;

/**
 * Chunk-execution defaults from the card; the node's parameters may override them.
 *
 * @param nActionSteps         actions executed per chunk (queue) or between inferences (receding horizon)
 * @param chunkSizeThreshold   async splicing asks for a chunk when remaining / chunk length falls to this
 * @param blendWindow          async splicing: seam steps aggregated; 0 aggregates the whole overlap
 * @param executionLatencyS    receding horizon: actions due sooner than this after arrival are dropped
 * @param actionOffset         receding horizon: steps between an observation and its chunk's first action
 * @param prefixConditioning   flow policies: inpaint the still-to-execute actions into the next chunk
 */
public record ExecutionSettings(
        ExecutorKind executor,
        int nActionSteps,
        double temporalEnsembleCoeff,
        Interpolation interpolation,
        double chunkSizeThreshold,
        SpliceAggregate aggregate,
        int blendWindow,
        double executionLatencyS,
        int actionOffset,
        boolean prefixConditioning) {

    /** A plain queue of {@code nActionSteps} with every other setting at its card default. */
    public static ExecutionSettings queue(int nActionSteps) {
        return new ExecutionSettings(ExecutorKind.QUEUE, nActionSteps, 0.01, Interpolation.LINEAR, 0.5, SpliceAggregate.WEIGHTED_AVERAGE, 0, 0.0, 0, false);
    }

    public ExecutionSettings withExecutor(ExecutorKind kind) {
        return new ExecutionSettings(kind, nActionSteps, temporalEnsembleCoeff, interpolation, chunkSizeThreshold, aggregate, blendWindow,
                executionLatencyS, actionOffset, prefixConditioning);
    }

    public ExecutionSettings withInterpolation(Interpolation mode) {
        return new ExecutionSettings(executor, nActionSteps, temporalEnsembleCoeff, mode, chunkSizeThreshold, aggregate, blendWindow,
                executionLatencyS, actionOffset, prefixConditioning);
    }
}
