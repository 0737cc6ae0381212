package io.chunkrt.onnxfile;

/**
 * An .onnx file that cannot be read as a model, or whose external-data files are missing. The message is one line
 * naming the file, the problem and where it is; a CLI prints it as is.
 */
public final class OnnxFileException extends RuntimeException {
    public OnnxFileException(String message) {
        super(message);
    }

    public OnnxFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
