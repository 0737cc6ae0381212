package io.chunkrt.replay.metrics;

import org.HdrHistogram.Histogram;

/** A latency distribution in milliseconds (NaN when empty). */
public record LatencySummary(long count, double minMs, double p50Ms, double p90Ms, double p99Ms, double maxMs, double meanMs) {
    public static LatencySummary of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(h.getTotalCount(), h.getMinValue() / 1e6, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6,
                h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6, h.getMean() / 1e6);
    }
}
