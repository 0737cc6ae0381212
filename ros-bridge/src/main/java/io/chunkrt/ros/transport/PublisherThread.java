package io.chunkrt.ros.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that calls DDS to publish. It drains its {@link OutboundRing}s in registration order; when
 * all are empty it spins briefly, then parks until a producer commits (producers unpark it only when it is
 * parked, so a busy stream costs them one volatile read). A platform thread, so a DDS call that blocks in
 * native code never pins a carrier.
 */
public final class PublisherThread implements AutoCloseable {
    private static final int SPINS_BEFORE_PARK = 200;
    private static final long PARK_NS = 1_000_000;

    private final List<RosPublisher> publishers = new ArrayList<>();
    private final List<OutboundRing> rings = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running;
    private volatile boolean parked;
    private RosPublisher[] publisherArray = new RosPublisher[0];
    private OutboundRing[] ringArray = new OutboundRing[0];

    public PublisherThread(String name) {
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
    }

    /** Adds a publisher fed through a new ring; only before {@link #start()}. */
    public synchronized OutboundRing register(RosPublisher publisher, int slotCount, int slotBytes) {
        if (running) {
            throw new IllegalStateException("register publishers before starting " + thread.getName());
        }
        OutboundRing ring = new OutboundRing(slotCount, slotBytes);
        ring.attach(this);
        publishers.add(publisher);
        rings.add(ring);
        return ring;
    }

    public synchronized void start() {
        publisherArray = publishers.toArray(new RosPublisher[0]);
        ringArray = rings.toArray(new OutboundRing[0]);
        running = true;
        thread.start();
    }

    void wakeIfParked() {
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        int idle = 0;
        while (running) {
            int n = 0;
            for (int i = 0; i < ringArray.length; i++) {
                n += ringArray[i].drainTo(publisherArray[i]);
            }
            if (n > 0) {
                idle = 0;
            } else if (idle < SPINS_BEFORE_PARK) {
                idle++;
                Thread.onSpinWait();
            } else {
                parked = true;
                if (allEmpty() && running) {
                    LockSupport.parkNanos(this, PARK_NS);
                }
                parked = false;
            }
        }
        for (int i = 0; i < ringArray.length; i++) { // publish what was committed before close
            ringArray[i].drainTo(publisherArray[i]);
        }
    }

    private boolean allEmpty() {
        for (OutboundRing r : ringArray) {
            if (!r.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The thread's id (e.g. to read its allocation counter). */
    public long threadId() {
        return thread.threadId();
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    /** Publishes what is committed, then stops the thread. Does not close the publishers. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
