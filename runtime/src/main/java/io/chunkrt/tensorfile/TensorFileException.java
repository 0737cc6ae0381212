package io.chunkrt.tensorfile;

/**
 * A tensor file (.npy or .safetensors) that cannot be read as claimed. The message is one line that names the
 * file, what is wrong with it and, where there is one, the fix; a CLI prints it as is.
 */
public final class TensorFileException extends RuntimeException {
    public TensorFileException(String message) {
        super(message);
    }

    public TensorFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
