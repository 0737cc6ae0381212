package io.chunkrt.ros.testing;

import java.lang.management.ManagementFactory;

/** Bytes allocated by threads, from the JVM's per-thread allocation counters. */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {}

    public static long currentThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    public static long thread(long threadId) {
        return THREADS.getThreadAllocatedBytes(threadId);
    }
}
