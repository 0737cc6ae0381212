package io.chunkrt.safety;

/** Limits of one joint, in radians (or metres for prismatic joints) and seconds. */
public record JointLimits(String joint, double positionMin, double positionMax, double velocityMax, double accelerationMax) {
    public JointLimits {
        if (!(positionMin < positionMax) || !Double.isFinite(positionMin) || !Double.isFinite(positionMax)) {
            throw new IllegalArgumentException("joint " + joint + ": position limits [" + positionMin + ", " + positionMax
                    + "] must be finite with min < max");
        }
        if (!(velocityMax > 0) || !Double.isFinite(velocityMax)) {
            throw new IllegalArgumentException("joint " + joint + ": velocity limit " + velocityMax + " must be finite and > 0");
        }
        if (!(accelerationMax > 0) || !Double.isFinite(accelerationMax)) {
            throw new IllegalArgumentException("joint " + joint + ": acceleration limit " + accelerationMax + " must be finite and > 0");
        }
    }
}
