package io.chunkrt.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 10^6 random chunks, adversarial ones included (NaN, Inf, huge jumps, limit-crossing, e-stops, stale
 * joint states), through the safety layer: zero position, velocity or acceleration violations, never NaN.
 */
class SafetyFilterPropertyTest {
    private static final int JOINTS = 7;
    private static final int CHUNKS = 1_000_000;
    private static final int CHUNK_LENGTH = 8;
    private static final long PERIOD_NS = 5_000_000; // 200 Hz
    private static final double DT = PERIOD_NS * 1e-9;
    private static final double TOL = 1e-9;

    @Test
    void millionRandomChunksNeverViolateALimitOrEmitNaN() {
        SplittableRandom random = new SplittableRandom(42);
        List<JointLimits> limits = new ArrayList<>();
        for (int j = 0; j < JOINTS; j++) {
            double lo = -1 - random.nextDouble(2);
            limits.add(new JointLimits("j" + j, lo, lo + 0.5 + random.nextDouble(4), 0.5 + random.nextDouble(3), 2 + random.nextDouble(20)));
        }
        SafetyConfig config = new SafetyConfig(limits, Double.NaN, 200_000_000, 50_000_000, 100_000_000);
        SafetyFilter filter = new SafetyFilter(config, PERIOD_NS);
        double[] measured = new double[JOINTS];
        for (int j = 0; j < JOINTS; j++) {
            measured[j] = (limits.get(j).positionMin() + limits.get(j).positionMax()) / 2;
        }
        filter.start(measured, 0);
        double[] target = new double[JOINTS];
        double[] out = new double[JOINTS];
        double[] previous = measured.clone();
        double[] previousVelocity = new double[JOINTS];
        long now = 0;
        long violations = 0;
        double[] base = new double[JOINTS];
        for (int c = 0; c < CHUNKS; c++) {
            int kind = random.nextInt(10);
            for (int j = 0; j < JOINTS; j++) {
                JointLimits l = limits.get(j);
                double span = l.positionMax() - l.positionMin();
                // mostly near the limits and beyond them, where violations would hide
                base[j] = l.positionMin() - span + random.nextDouble(3 * span);
            }
            if (random.nextInt(100) == 0) {
                filter.requestEstop();
            } else if (kind == 1 && filter.estopLatched()) {
                filter.resetEstop();
            }
            for (int k = 0; k < CHUNK_LENGTH; k++) {
                for (int j = 0; j < JOINTS; j++) {
                    target[j] = switch (kind) {
                        case 2 -> random.nextInt(4) == 0 ? Double.NaN : base[j];
                        case 3 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                        case 4 -> random.nextBoolean() ? 1e9 : -1e9; // huge jumps
                        case 5 -> base[j] + random.nextGaussian() * 0.5; // jitter around a random pose
                        default -> base[j] + k * 0.05;
                    };
                }
                boolean fresh = kind != 6 || random.nextBoolean();
                boolean valid = kind != 7;
                now += PERIOD_NS;
                filter.filter(target, valid, measured, fresh, now, out);
                for (int j = 0; j < JOINTS; j++) {
                    JointLimits l = limits.get(j);
                    double v = (out[j] - previous[j]) / DT;
                    double a = (v - previousVelocity[j]) / DT;
                    boolean bad = !Double.isFinite(out[j])
                            || out[j] < l.positionMin() - TOL || out[j] > l.positionMax() + TOL
                            || Math.abs(v) > l.velocityMax() * (1 + TOL) + TOL
                            || Math.abs(a) > l.accelerationMax() * (1 + 1e-6) + 1e-6;
                    if (bad) {
                        violations++;
                        assertTrue(violations < 5, "joint " + j + " chunk " + c + ": position " + out[j] + " velocity " + v + " acceleration " + a
                                + " limits " + l);
                    }
                    previous[j] = out[j];
                    previousVelocity[j] = v;
                    measured[j] = out[j]; // a perfect tracker
                }
            }
        }
        assertEquals(0, violations);
        FaultCounters f = filter.faults();
        System.out.printf("safety property: %d chunks, faults non-finite %d, position %d, velocity %d, acceleration %d, estop %d, stale obs %d, stale action %d%n",
                CHUNKS, f.get(SafetyFault.NON_FINITE_TARGET), f.get(SafetyFault.POSITION_LIMIT), f.get(SafetyFault.VELOCITY_LIMIT),
                f.get(SafetyFault.ACCELERATION_LIMIT), f.get(SafetyFault.ESTOP), f.get(SafetyFault.STALE_OBSERVATION), f.get(SafetyFault.STALE_ACTION));
        assertTrue(f.get(SafetyFault.NON_FINITE_TARGET) > 0 && f.get(SafetyFault.POSITION_LIMIT) > 0 && f.get(SafetyFault.VELOCITY_LIMIT) > 0
                && f.get(SafetyFault.ACCELERATION_LIMIT) > 0 && f.get(SafetyFault.ESTOP) > 0, "every adversarial case was exercised");
    }
}
