package io.chunkrt.policy;

/** An inference that failed at run time (the runtime library reported an error). */
public final class PolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
