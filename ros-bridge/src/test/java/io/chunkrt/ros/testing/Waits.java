package io.chunkrt.ros.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for real DDS discovery and delivery in integration tests: polls a condition until it holds or a
 * generous deadline passes. (Unit tests with logic under test use manual clocks instead.)
 */
public final class Waits {
    private Waits() {}

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
