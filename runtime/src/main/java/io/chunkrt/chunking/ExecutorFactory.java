package io.chunkrt.chunking;

import io.chunkrt.card.ExecutionSettings;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.card.PolicyKind;

/** Builds the executor a card (or the node's override of its execution settings) names. */
public final class ExecutorFactory {
    private ExecutorFactory() {}

    /** Diffusion Policy executes from index n_obs_steps - 1: the first actions belong to past observation steps. */
    public static int sliceStart(PolicyCard card) {
        return card.kind() == PolicyKind.DIFFUSION ? card.nObsSteps() - 1 : 0;
    }

    public static ChunkExecutor create(PolicyCard card, ExecutionSettings settings) {
        int horizon = card.output().horizon();
        int dim = card.output().actionDim();
        int slice = sliceStart(card);
        long periodNs = card.rates().policyPeriodNs();
        return switch (settings.executor()) {
            case QUEUE -> new QueueExecutor(horizon, dim, settings.nActionSteps(), slice);
            case TEMPORAL_ENSEMBLING -> new TemporalEnsembler(horizon, dim, settings.temporalEnsembleCoeff());
            case RECEDING_HORIZON -> new RecedingHorizonExecutor(horizon, dim, settings.nActionSteps(), slice, settings.actionOffset(),
                    (int) Math.ceil(settings.executionLatencyS() * 1e9 / periodNs));
            case ASYNC_SPLICING -> new AsyncSplicingExecutor(horizon, dim, slice, settings.chunkSizeThreshold(), settings.aggregate(),
                    settings.blendWindow() == 0 ? Integer.MAX_VALUE : settings.blendWindow());
        };
    }
}
