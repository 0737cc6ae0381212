package io.chunkrt.fusion;

/** A stream set-up or card/stream mismatch found at start-up; the message is one line naming the fix. */
public final class FusionConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FusionConfigException(String message) {
        super(message);
    }
}
