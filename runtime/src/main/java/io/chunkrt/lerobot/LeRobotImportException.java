package io.chunkrt.lerobot;

/**
 * A LeRobot checkpoint that cannot be turned into a policy card. The message is one line that starts with
 * {@code checkpoint <name>:} and says what is missing or wrong and how to fix it; a CLI prints it as is.
 */
public final class LeRobotImportException extends RuntimeException {
    public LeRobotImportException(String message) {
        super(message);
    }

    public LeRobotImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
