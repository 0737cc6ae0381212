package io.chunkrt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Element-wise comparison with an absolute-or-relative tolerance, reporting the worst element. */
public final class FloatAsserts {
    private FloatAsserts() {}

    /** Passes when |a - e| <= tol * max(1, |e|) for every element. Returns the largest absolute difference. */
    public static double assertClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": element count");
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs((double) expected[i] - actual[i]);
            if (!(diff <= tol * Math.max(1.0, Math.abs(expected[i])))) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i] + " (diff " + diff + " > " + tol + ")");
            }
            if (diff > worst) {
                worst = diff;
                worstAt = i;
            }
        }
        return worstAt < 0 ? 0 : worst;
    }
}
