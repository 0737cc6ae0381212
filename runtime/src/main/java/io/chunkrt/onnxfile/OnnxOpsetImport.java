package io.chunkrt.onnxfile;

/**
 * An operator set the model uses.
 *
 * @param domain the operator domain; "" (or {@code ai.onnx}) is the default ONNX domain
 * @param version the operator set version
 */
public record OnnxOpsetImport(String domain, long version) {

    public OnnxOpsetImport {
        if (domain == null) {
            throw new IllegalArgumentException("OnnxOpsetImport domain is null; use \"\" for the default domain");
        }
    }

    public boolean isDefaultDomain() {
        return domain.isEmpty() || domain.equals("ai.onnx");
    }
}
