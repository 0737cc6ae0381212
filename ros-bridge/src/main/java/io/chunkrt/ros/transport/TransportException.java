package io.chunkrt.ros.transport;

/**
 * The ROS transport cannot do what was asked at set-up (library missing, entity creation refused, a name or
 * QoS that cannot be used). The message is one line: what failed, the value, and the fix. Never thrown on
 * the data path: publishing and taking report status codes instead.
 */
public final class TransportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
