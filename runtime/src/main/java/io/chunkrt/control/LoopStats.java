package io.chunkrt.control;

import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Loop health without log lines: HdrHistograms of period error, tick cost and inference latency (each with a
 * single writer thread, read by interval from any thread) and counters. Recording never allocates.
 */
public final class LoopStats {
    /** Values are clamped here so a wild outlier cannot make the histogram resize (which allocates). */
    private static final long MAX_NS = 60_000_000_000L;

    private final SingleWriterRecorder periodError = new SingleWriterRecorder(MAX_NS, 3);
    private final SingleWriterRecorder tickCost = new SingleWriterRecorder(MAX_NS, 3);
    private final SingleWriterRecorder inferenceLatency = new SingleWriterRecorder(MAX_NS, 3);
    private final AtomicLongArray counters = new AtomicLongArray(LoopCounter.values().length);
    private final Histogram periodErrorTotal = new Histogram(MAX_NS, 3);
    private final Histogram tickCostTotal = new Histogram(MAX_NS, 3);
    private final Histogram inferenceLatencyTotal = new Histogram(MAX_NS, 3);

    public void recordPeriodError(long lateNs) {
        periodError.recordValue(Math.min(Math.max(lateNs, 0), MAX_NS));
    }

    public void recordTickCost(long costNs) {
        tickCost.recordValue(Math.min(Math.max(costNs, 0), MAX_NS));
    }

    public void recordInferenceLatency(long latencyNs) {
        inferenceLatency.recordValue(Math.min(Math.max(latencyNs, 0), MAX_NS));
    }

    /** Single writer per counter. */
    public void increment(LoopCounter counter) {
        add(counter, 1);
    }

    public void add(LoopCounter counter, long delta) {
        int i = counter.ordinal();
        counters.lazySet(i, counters.get(i) + delta);
    }

    public long get(LoopCounter counter) {
        return counters.get(counter.ordinal());
    }

    /** Reader side (one reader thread): folds the latest intervals into the running totals and returns them. */
    public synchronized Histograms totals() {
        periodErrorTotal.add(periodError.getIntervalHistogram());
        tickCostTotal.add(tickCost.getIntervalHistogram());
        inferenceLatencyTotal.add(inferenceLatency.getIntervalHistogram());
        return new Histograms(periodErrorTotal.copy(), tickCostTotal.copy(), inferenceLatencyTotal.copy());
    }

    /** Copies of the totals, in nanoseconds. */
    public record Histograms(Histogram periodErrorNs, Histogram tickCostNs, Histogram inferenceLatencyNs) {}
}
