package io.chunkrt.chunking;

import io.chunkrt.policy.ActionChunk;

/**
 * Inference runs on its own thread while the queue keeps executing; a new chunk is asked for when the
 * remaining queue falls to a threshold. A chunk that arrives d steps after its observation continues from
 * new[d:] — d is the number of steps actually executed since that observation — and over the blend window
 * each step both plans cover is combined with LeRobot's aggregate, so there is no step at the seam.
 *
 * <p>The trigger threshold follows the measured latency: the largest delay in steps over the last
 * {@value #LATENCY_WINDOW} chunks, the first one left out (it carries JIT and session warm-up), plus one.
 */
public final class AsyncSplicingExecutor implements ChunkExecutor {
    static final int LATENCY_WINDOW = 8;

    private final int sliceStart;
    private final int sliceLength;
    private final int dim;
    private final int thresholdSteps;
    private final SpliceAggregate aggregate;
    private final int blendWindow;
    private final ActionRing queue;
    private final double[] merged;
    private final CurrentAction current;
    private final int[] latencies = new int[LATENCY_WINDOW];
    private int latencyCount;
    private int chunksSeen;
    private long staleChunks;

    /**
     * @param chunkSizeThreshold ask for a chunk when remaining / slice length falls to this fraction (LeRobot's
     *                           chunk_size_threshold)
     * @param blendWindow        steps at the seam that are aggregated; Integer.MAX_VALUE for the whole overlap
     */
    public AsyncSplicingExecutor(int horizon, int actionDim, int sliceStart, double chunkSizeThreshold, SpliceAggregate aggregate, int blendWindow) {
        this.sliceStart = sliceStart;
        this.sliceLength = horizon - sliceStart;
        this.dim = actionDim;
        this.thresholdSteps = (int) Math.floor(chunkSizeThreshold * sliceLength);
        this.aggregate = aggregate;
        this.blendWindow = blendWindow;
        this.queue = new ActionRing(horizon, actionDim);
        this.merged = new double[horizon * actionDim];
        this.current = new CurrentAction(actionDim);
    }

    @Override
    public void accept(ActionChunk chunk, long observationStep, long nextStep) {
        int delay = (int) Math.max(0, nextStep - observationStep);
        if (chunksSeen++ > 0) {
            latencies[latencyCount++ % LATENCY_WINDOW] = delay;
        }
        int fresh = sliceLength - delay;
        if (fresh <= 0) {
            staleChunks++;
            return;
        }
        float[] values = chunk.values();
        int overlap = Math.min(Math.min(queue.size(), fresh), blendWindow);
        for (int j = 0; j < fresh; j++) {
            int src = (sliceStart + delay + j) * dim;
            for (int k = 0; k < dim; k++) {
                double next = values[src + k];
                merged[j * dim + k] = j < overlap ? aggregate.combine(queue.get(j, k), next) : next;
            }
        }
        queue.clear();
        for (int j = 0; j < fresh; j++) {
            queue.pushRow(merged, j);
        }
    }

    @Override
    public boolean advance(long step) {
        return current.popFrom(queue);
    }

    @Override
    public boolean action(int offset, double[] out) {
        return current.peek(queue, offset, out);
    }

    @Override
    public boolean wantsInference(long step) {
        int remaining = queue.size();
        return remaining <= Math.max(thresholdSteps, latencyEstimateSteps() + 1);
    }

    /** The largest delay over the recent window, in steps (0 before the second chunk). */
    public int latencyEstimateSteps() {
        int n = Math.min(latencyCount, LATENCY_WINDOW);
        int max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, latencies[i]);
        }
        return max;
    }

    /** Chunks that arrived after every action they held was due. */
    public long staleChunks() {
        return staleChunks;
    }

    /** The executing action first (a chunk's index 0 is the step of its observation), then the queue. */
    @Override
    public int plannedActions(long fromStep, int maxSteps, float[] out) {
        if (!current.present() || maxSteps <= 0) {
            return 0;
        }
        for (int k = 0; k < dim; k++) {
            out[k] = (float) current.values()[k];
        }
        int n = Math.min(maxSteps - 1, queue.size());
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < dim; k++) {
                out[(j + 1) * dim + k] = (float) queue.get(j, k);
            }
        }
        return n + 1;
    }

    @Override
    public void reset() {
        queue.clear();
        current.present(false);
        chunksSeen = 0;
        latencyCount = 0;
    }
}
