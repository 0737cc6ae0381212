package io.chunkrt.replay;

/**
 * A recording (a rosbag2 bag, an MCAP file, a LeRobot dataset, an HDF5 episode) that cannot be read as claimed.
 * The message is one line naming the file, what is wrong, the value, the limit and the fix; a CLI prints it as is.
 */
public final class RecordingException extends RuntimeException {
    public RecordingException(String message) {
        super(message);
    }

    public RecordingException(String message, Throwable cause) {
        super(message, cause);
    }
}
