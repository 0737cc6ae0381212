package io.chunkrt.control;

import io.chunkrt.chunking.ActionInterpolator;
import io.chunkrt.chunking.ChunkExecutor;
import io.chunkrt.policy.ActionChunk;
import io.chunkrt.safety.SafetyFilter;

/**
 * One control tick: read the measured joints, take a finished chunk if there is one, advance the action-step
 * clock, ask for inference when the executor wants it, interpolate to the control rate, pass everything
 * through the safety layer and write the command. Driven by {@link FixedRateRunner} on the wall clock or by a
 * replay/test driver on a virtual clock. Never allocates, blocks, logs or waits for inference.
 */
public final class ControlLoop {
    private final ChunkExecutor executor;
    private final ActionInterpolator interpolator;
    private final SafetyFilter safety;
    private final MeasuredJoints joints;
    private final CommandSink sink;
    private final InferenceService inference;
    private final LoopStats stats;
    private final long actionPeriodNs;
    private final long observationStaleNs;
    private final long actionStaleNs;
    private final int prefixSteps;
    private final ActionChunk incoming;
    private final double[] measured;
    private final double[] target;
    private final double[] command;
    private final float[] planned;
    private long originNs;
    private long nextStep;
    private boolean haveAction;
    private boolean running;
    private volatile boolean enabled = true;
    private volatile Throwable failure;
    private volatile boolean estopResetRequested;
    private boolean wasEnabled = true;

    /**
     * @param actionPeriodNs spacing of the actions in a chunk (1 / policy_hz)
     * @param prefixSteps    planned actions handed to prefix-conditioned policies with each request (0: none)
     */
    public ControlLoop(ChunkExecutor executor, ActionInterpolator interpolator, SafetyFilter safety, MeasuredJoints joints, CommandSink sink,
            InferenceService inference, LoopStats stats, int horizon, int actionDim, long actionPeriodNs, long observationStaleNs,
            long actionStaleNs, int prefixSteps) {
        this.executor = executor;
        this.interpolator = interpolator;
        this.safety = safety;
        this.joints = joints;
        this.sink = sink;
        this.inference = inference;
        this.stats = stats;
        this.actionPeriodNs = actionPeriodNs;
        this.observationStaleNs = observationStaleNs;
        this.actionStaleNs = actionStaleNs;
        this.prefixSteps = prefixSteps;
        this.incoming = new ActionChunk(horizon, actionDim);
        this.measured = new double[actionDim];
        this.target = new double[actionDim];
        this.command = new double[actionDim];
        this.planned = new float[horizon * actionDim];
    }

    /** Commands flow only while enabled (ROS ~/enable); re-enabling restarts with a soft start. Any thread. */
    public void enabled(boolean on) {
        enabled = on;
    }

    /**
     * Releases a latched e-stop from any thread: at the next enabled tick the safety layer's latch is reset and
     * the loop restarts from the measured pose with a soft start, exactly as after a re-enable.
     */
    public void resetEstop() {
        estopResetRequested = true;
    }

    public SafetyFilter safety() {
        return safety;
    }

    public LoopStats stats() {
        return stats;
    }

    /** The last command written (control thread, or after the loop stopped). */
    public double[] lastCommand() {
        return command;
    }

    public void tick(long nowNs) {
        stats.increment(LoopCounter.TICKS);
        long stampNs = joints.read(nowNs, measured);
        boolean fresh = stampNs != Long.MIN_VALUE && nowNs - stampNs <= observationStaleNs;
        boolean on = enabled;
        if (!on) {
            stats.increment(LoopCounter.DISABLED_TICKS);
            if (wasEnabled && running) {
                sink.stopped(nowNs);
            }
            wasEnabled = false;
            return;
        }
        if (estopResetRequested) {
            estopResetRequested = false;
            safety.resetEstop();
            wasEnabled = false; // restart below from the measured pose, with a soft start
        }
        if (!running || !wasEnabled) {
            if (!fresh) {
                stats.increment(LoopCounter.WAITING_FOR_STATE);
                return;
            }
            begin(nowNs);
        }
        if (inference.poll(incoming)) {
            if (nowNs - incoming.observationStampNs() > actionStaleNs) {
                stats.increment(LoopCounter.STALE_CHUNKS);
            } else {
                executor.accept(incoming, stepOf(incoming.observationStampNs()), nextStep);
                stats.increment(LoopCounter.CHUNKS_ACCEPTED);
            }
        }
        long step = stepOf(nowNs);
        while (nextStep <= step) {
            interpolator.leavingStep(executor);
            haveAction = executor.advance(nextStep);
            nextStep++;
        }
        if (!inference.busy() && executor.wantsInference(step)) {
            int n = prefixSteps == 0 ? 0 : executor.plannedActions(step, prefixSteps, planned);
            inference.request(nowNs, planned, n);
        }
        if (haveAction) {
            double fraction = (double) (nowNs - originNs - step * actionPeriodNs) / actionPeriodNs;
            interpolator.sample(executor, fraction, target);
        } else {
            stats.increment(LoopCounter.HOLD_TICKS);
        }
        safety.filter(target, haveAction, measured, fresh, nowNs, command);
        sink.write(command, nowNs);
    }

    private void begin(long nowNs) {
        running = true;
        wasEnabled = true;
        originNs = nowNs;
        nextStep = 0;
        haveAction = false;
        executor.reset();
        interpolator.reset();
        safety.start(measured, nowNs);
    }

    /**
     * The one catch at the loop boundary: a tick that threw latches the e-stop hold (released only by
     * {@link #resetEstop()}), re-sends the last safe command, and keeps the first failure for a
     * non-control thread to report. Nothing is logged here.
     */
    public void tickFailed(RuntimeException e, long nowNs) {
        stats.increment(LoopCounter.TICK_FAILURES);
        if (failure == null) {
            failure = e;
        }
        safety.requestEstop();
        if (running) {
            try {
                sink.write(command, nowNs);
            } catch (RuntimeException ignored) {
                // the sink itself failed; the count above already records the fault
            }
        }
    }

    /** The first exception a tick threw, or null. */
    public Throwable failure() {
        return failure;
    }

    /** When action step {@code step} starts (control thread, while running). */
    public long stepStartNs(long step) {
        return originNs + step * actionPeriodNs;
    }

    /** The action step a time falls in; chunk index 0 belongs to the step of its observation. */
    public long stepOf(long timeNs) {
        return Math.floorDiv(timeNs - originNs, actionPeriodNs);
    }
}
