package io.chunkrt.safety;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Every command passes through here. In order: hold on e-stop, stale inputs or a non-finite target; soft start
 * from the measured pose; max step from the measured position; position limits; then the step from the last
 * command is scaled (one factor for all joints, so the direction is kept) to respect velocity, acceleration and
 * the braking distance to each position limit, with a per-joint clamp only where braking demands it.
 *
 * <p>The braking bound keeps the invariant that the arm can always stop inside its limits at the acceleration
 * limit, so clamping at a limit never needs an infinite deceleration: the output never violates position,
 * velocity or acceleration limits and is never NaN. Control thread only; no allocation.
 */
public final class SafetyFilter {
    private final SafetyConfig config;
    private final int n;
    private final double dt;
    private final double[] min;
    private final double[] max;
    private final double[] vMax;
    private final double[] aMax;
    private final double[] lastCommand;
    private final double[] lastVelocity;
    private final double[] startPose;
    private final double[] desired;
    private final double[] low;
    private final double[] high;
    private final FaultCounters faults = new FaultCounters();
    private long startNs;
    private boolean started;
    /** E-stop requests so far (any thread) and how many the control thread has latched. */
    private final AtomicLong estopRequests = new AtomicLong();
    private volatile long estopRequestsSeen;
    private volatile boolean estopLatched;

    public SafetyFilter(SafetyConfig config, long controlPeriodNs) {
        this.config = config;
        this.n = config.size();
        this.dt = controlPeriodNs * 1e-9;
        this.min = new double[n];
        this.max = new double[n];
        this.vMax = new double[n];
        this.aMax = new double[n];
        for (int j = 0; j < n; j++) {
            JointLimits l = config.joints().get(j);
            min[j] = l.positionMin();
            max[j] = l.positionMax();
            vMax[j] = l.velocityMax();
            aMax[j] = l.accelerationMax();
        }
        this.lastCommand = new double[n];
        this.lastVelocity = new double[n];
        this.startPose = new double[n];
        this.desired = new double[n];
        this.low = new double[n];
        this.high = new double[n];
    }

    public FaultCounters faults() {
        return faults;
    }

    public boolean started() {
        return started;
    }

    /** Begins (or restarts) from the measured pose, at rest, with a soft start. */
    public void start(double[] measured, long nowNs) {
        for (int j = 0; j < n; j++) {
            double p = clamp(measured[j], min[j], max[j]);
            lastCommand[j] = p;
            startPose[j] = p;
            lastVelocity[j] = 0;
        }
        startNs = nowNs;
        started = true;
    }

    /** Latches hold from any thread; only {@link #resetEstop} on the control thread releases it. */
    public void requestEstop() {
        estopRequests.incrementAndGet();
    }

    /**
     * Releases the latch (control thread). It releases only the e-stops the filter has already latched: one
     * requested since the last {@link #filter} latches at the next, so a release racing a new e-stop never loses it.
     */
    public void resetEstop() {
        estopLatched = false;
    }

    public boolean estopLatched() {
        return estopLatched || estopRequests.get() != estopRequestsSeen;
    }

    /**
     * @param target         the wanted command (ignored when {@code targetValid} is false)
     * @param measured       measured joint positions (used when {@code measuredFresh})
     * @param out            the safe command
     */
    public void filter(double[] target, boolean targetValid, double[] measured, boolean measuredFresh, long nowNs, double[] out) {
        if (!measuredFresh || !allFinite(measured)) {
            measuredFresh = false;
        }
        if (!started) {
            if (!measuredFresh) {
                throw new IllegalStateException("the safety filter starts from a measured pose; call start() with finite joint positions first");
            }
            start(measured, nowNs);
        }
        long requests = estopRequests.get();
        if (requests != estopRequestsSeen) {
            estopRequestsSeen = requests;
            estopLatched = true;
        }
        boolean hold = false;
        if (estopLatched) {
            faults.increment(SafetyFault.ESTOP);
            hold = true;
        } else if (!measuredFresh) {
            faults.increment(SafetyFault.STALE_OBSERVATION);
            hold = true;
        } else if (!targetValid) {
            faults.increment(SafetyFault.STALE_ACTION);
            hold = true;
        } else if (!allFinite(target)) {
            faults.increment(SafetyFault.NON_FINITE_TARGET);
            hold = true;
        }
        for (int j = 0; j < n; j++) {
            desired[j] = hold ? lastCommand[j] : target[j];
        }
        if (!hold) {
            long sinceStart = nowNs - startNs;
            if (sinceStart < config.softStartNs()) {
                double alpha = Math.max(0.0, (double) sinceStart / config.softStartNs());
                for (int j = 0; j < n; j++) {
                    desired[j] = startPose[j] + alpha * (desired[j] - startPose[j]);
                }
                faults.increment(SafetyFault.SOFT_START);
            }
            double m = config.maxStepFromMeasured();
            if (!Double.isNaN(m)) {
                boolean clamped = false;
                for (int j = 0; j < n; j++) {
                    double c = clamp(desired[j], measured[j] - m, measured[j] + m);
                    clamped |= c != desired[j];
                    desired[j] = c;
                }
                if (clamped) {
                    faults.increment(SafetyFault.MAX_STEP_FROM_MEASURED);
                }
            }
            boolean clamped = false;
            for (int j = 0; j < n; j++) {
                double c = clamp(desired[j], min[j], max[j]);
                clamped |= c != desired[j];
                desired[j] = c;
            }
            if (clamped) {
                faults.increment(SafetyFault.POSITION_LIMIT);
            }
        }
        limitStep(out);
    }

    /** Scales the step to the velocity, acceleration and braking bounds and writes the command. */
    private void limitStep(double[] out) {
        double scaleVelocity = 1.0;
        double scaleAccel = 1.0;
        for (int j = 0; j < n; j++) {
            double v = lastVelocity[j];
            double a = aMax[j];
            // v' must satisfy: |v'| <= vmax, |v' - v| <= a dt, and v' dt + v'^2 / 2a <= distance to the limit
            double brakeUp = brakingVelocity(max[j] - lastCommand[j], a);
            double brakeDown = brakingVelocity(lastCommand[j] - min[j], a);
            double velocityLow = -vMax[j];
            double velocityHigh = vMax[j];
            double accelLow = Math.max(v - a * dt, -brakeDown);
            double accelHigh = Math.min(v + a * dt, brakeUp);
            low[j] = Math.max(velocityLow, accelLow);
            high[j] = Math.min(velocityHigh, accelHigh);
            double wanted = (desired[j] - lastCommand[j]) / dt;
            double delta = wanted - v;
            // largest s in [0, 1] keeping v + s * delta inside each bound that v itself satisfies
            scaleVelocity = Math.min(scaleVelocity, fraction(v, delta, velocityLow, velocityHigh));
            scaleAccel = Math.min(scaleAccel, fraction(v, delta, accelLow, accelHigh));
        }
        double s = Math.min(scaleVelocity, scaleAccel);
        if (scaleVelocity < 1.0) {
            faults.increment(SafetyFault.VELOCITY_LIMIT);
        }
        if (scaleAccel < 1.0) {
            faults.increment(SafetyFault.ACCELERATION_LIMIT);
        }
        for (int j = 0; j < n; j++) {
            double v = lastVelocity[j];
            double wanted = (desired[j] - lastCommand[j]) / dt;
            double next = clamp(v + s * (wanted - v), low[j], high[j]);
            double p = clamp(lastCommand[j] + next * dt, min[j], max[j]);
            // the velocity is what was actually commanded, after the rounding of the clamp
            lastVelocity[j] = (p - lastCommand[j]) / dt;
            lastCommand[j] = p;
            out[j] = p;
        }
    }

    /** Largest velocity from which braking at {@code a} per second, stepped every dt, stops within distance d. */
    private double brakingVelocity(double d, double a) {
        if (d <= 0) {
            return 0;
        }
        return a * (-dt + Math.sqrt(dt * dt + 2 * d / a));
    }

    private static double fraction(double v, double delta, double lo, double hi) {
        if (v < lo || v > hi || delta == 0) {
            return 1.0; // v itself is outside: the per-joint clamp handles this joint
        }
        double end = v + delta;
        if (end > hi) {
            return (hi - v) / delta;
        }
        if (end < lo) {
            return (lo - v) / delta;
        }
        return 1.0;
    }

    /** Unlike Math.clamp, never throws: rounding may leave lo a hair above hi, and then hi wins. */
    private static double clamp(double x, double lo, double hi) {
        return Math.min(Math.max(x, lo), hi);
    }

    private boolean allFinite(double[] values) {
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(values[j])) {
                return false;
            }
        }
        return true;
    }
}
