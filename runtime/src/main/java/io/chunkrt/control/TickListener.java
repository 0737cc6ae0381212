package io.chunkrt.control;

/**
 * Told after each control tick, on the control thread (e.g. the flight recorder's {@code LoopEventMonitor}). Must
 * not block, allocate or throw.
 */
@FunctionalInterface
public interface TickListener {
    void afterTick(long nowNs);
}
