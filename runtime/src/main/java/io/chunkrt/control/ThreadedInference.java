package io.chunkrt.control;

import io.chunkrt.policy.ActionChunk;
import io.chunkrt.policy.Policy;
import io.chunkrt.time.Clock;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inference on its own platform thread. The control thread posts a request (a volatile sequence number and
 * a prefix copied into a preallocated buffer) and polls a triple buffer of chunks; it never waits and never
 * allocates. The worker parks until asked, builds the observation, runs the policy and publishes.
 */
public final class ThreadedInference implements InferenceService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadedInference.class);

    private final Policy policy;
    private final ObservationSource source;
    private final Clock clock;
    private final LoopStats stats;
    private final ChunkHandoff handoff;
    private final float[] prefix;
    private final Thread worker;
    private volatile int prefixSteps;
    private volatile long requestSeq;
    private volatile long failedSeq;
    private volatile boolean running = true;
    private long servedSeq;
    private boolean busy;

    public ThreadedInference(Policy policy, ObservationSource source, Clock clock, LoopStats stats) {
        this.policy = policy;
        this.source = source;
        this.clock = clock;
        this.stats = stats;
        this.handoff = new ChunkHandoff(policy.card().output().horizon(), policy.card().output().actionDim());
        this.prefix = new float[policy.card().output().elementCount()];
        this.worker = Thread.ofPlatform().name("chunkrt-inference").daemon(true).unstarted(this::work);
        worker.start();
    }

    @Override
    public void request(long nowNs, float[] plannedActions, int steps) {
        if (busy) {
            return;
        }
        int dim = policy.card().output().actionDim();
        int n = Math.max(0, Math.min(Math.min(steps, policy.card().output().horizon()), plannedActions.length / dim));
        System.arraycopy(plannedActions, 0, prefix, 0, n * dim);
        prefixSteps = n;
        busy = true;
        stats.increment(LoopCounter.INFERENCE_REQUESTS);
        requestSeq = requestSeq + 1; // volatile write publishes the prefix
        LockSupport.unpark(worker);
    }

    @Override
    public boolean poll(ActionChunk out) {
        if (handoff.poll(out)) {
            busy = false;
            return true;
        }
        if (busy && failedSeq == requestSeq) {
            busy = false;
        }
        return false;
    }

    @Override
    public boolean busy() {
        return busy;
    }

    private void work() {
        while (running) {
            long seq = requestSeq;
            if (seq == servedSeq) {
                LockSupport.parkNanos(1_000_000);
                continue;
            }
            servedSeq = seq;
            long startNs = clock.nanoTime();
            try {
                if (!source.fill(policy.observation(), startNs)) {
                    stats.increment(LoopCounter.OBSERVATION_NOT_READY);
                    failedSeq = seq;
                    continue;
                }
                policy.conditionOnPrefix(prefix, prefixSteps);
                ActionChunk out = handoff.writeBuffer();
                policy.infer(out);
                stats.recordInferenceLatency(clock.nanoTime() - startNs);
                handoff.publish();
            } catch (RuntimeException e) {
                stats.increment(LoopCounter.INFERENCE_FAILURES);
                LOG.error("inference failed; the arm holds until a chunk arrives", e);
                failedSeq = seq;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(worker);
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
