package io.chunkrt.ros.params;

/**
 * A node argument or parameter that cannot be used. The message is one line naming the parameter, its value,
 * what was expected and the fix, so the command line prints it as is and exits with status 2.
 */
public final class ParameterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ParameterException(String message) {
        super(message);
    }
}
