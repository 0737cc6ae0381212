package io.chunkrt.card;

/** How often a chunk is wanted and how often commands go to the controller. */
public record Rates(double policyHz, double controlHz) {
    public long controlPeriodNs() {
        return Math.round(1e9 / controlHz);
    }

    public long policyPeriodNs() {
        return Math.round(1e9 / policyHz);
    }
}
