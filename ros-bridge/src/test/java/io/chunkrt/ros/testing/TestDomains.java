package io.chunkrt.ros.testing;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DDS domain ids for tests: each call gives a different id in 120..229, starting at a random point per JVM so
 * that test runs of other engineers on the same machine rarely share a domain. Every participant in the
 * tests also uses the loopback-only configuration, so nothing leaves the machine.
 */
public final class TestDomains {
    private static final int FIRST = 120;
    private static final int COUNT = 110;
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(COUNT));

    private TestDomains() {}

    public static int next() {
        return FIRST + Math.floorMod(NEXT.getAndIncrement(), COUNT);
    }
}
