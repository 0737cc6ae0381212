package io.chunkrt.ros.node;

import io.chunkrt.ros.transport.ReceiveWaitSet;
import java.util.List;

/**
 * One platform thread that waits on a wait set and drains its inputs: blocking in native code would pin a
 * virtual thread's carrier. Each input has exactly this one thread as its taker and as the producer of the
 * fusion stream it feeds.
 */
final class ReceiveThread implements AutoCloseable {
    private static final long WAIT_NS = 100_000_000L;

    private final ReceiveWaitSet waitSet;
    private final Inbound[] inputs;
    private final Thread thread;
    private volatile boolean running = true;

    ReceiveThread(String name, ReceiveWaitSet waitSet, List<? extends Inbound> inputs) {
        this.waitSet = waitSet;
        this.inputs = inputs.toArray(new Inbound[0]);
        for (Inbound in : this.inputs) {
            in.attachTo(waitSet);
        }
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            waitSet.await(WAIT_NS);
            for (Inbound in : inputs) {
                in.drain();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        waitSet.wake();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        waitSet.close();
    }
}
