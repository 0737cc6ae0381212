package io.chunkrt.card;

/**
 * A policy card or model that cannot be used as given. The message is one line that names the field, the
 * value, what was expected and the fix, so the command line can print it as is.
 */
public final class CardException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CardException(String message) {
        super(message);
    }

    public CardException(String message, Throwable cause) {
        super(message, cause);
    }
}
