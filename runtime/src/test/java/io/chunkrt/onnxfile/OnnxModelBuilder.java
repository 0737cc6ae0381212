package io.chunkrt.onnxfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds small ONNX ModelProto files for tests with the field numbers of onnx.proto3. Dimensions are given as
 * {@code Long} (dim_value), {@code String} (dim_param) or {@code null} (neither).
 */
public final class OnnxModelBuilder {
    private final ProtoWriter model = new ProtoWriter();
    private final ProtoWriter graph = new ProtoWriter();

    public static OnnxModelBuilder model(long irVersion) {
        OnnxModelBuilder builder = new OnnxModelBuilder();
        builder.model.varint(1, irVersion);
        return builder;
    }

    public OnnxModelBuilder producer(String name, String version) {
        model.string(2, name).string(3, version);
        return this;
    }

    public OnnxModelBuilder opset(String domain, long version) {
        model.message(8, new ProtoWriter().string(1, domain).varint(2, version));
        return this;
    }

    public OnnxModelBuilder metadata(String key, String value) {
        model.message(14, new ProtoWriter().string(1, key).string(2, value));
        return this;
    }

    public ProtoWriter modelFields() {
        return model;
    }

    public OnnxModelBuilder graphName(String name) {
        graph.string(2, name);
        return this;
    }

    public OnnxModelBuilder input(String name, int elementType, Object... dims) {
        graph.message(11, valueInfo(name, elementType, dims));
        return this;
    }

    public OnnxModelBuilder output(String name, int elementType, Object... dims) {
        graph.message(12, valueInfo(name, elementType, dims));
        return this;
    }

    /** An initializer with its data inline (raw_data, field 9). */
    public OnnxModelBuilder initializer(String name, int floats) {
        graph.message(5, new ProtoWriter().varint(1, floats).varint(2, 1).string(8, name)
                .bytes(9, new byte[4 * floats]));
        return this;
    }

    /** An initializer whose data lives in {@code location} (data_location EXTERNAL, external_data entries). */
    public OnnxModelBuilder externalInitializer(String name, String location, long offset, long length) {
        graph.message(5, new ProtoWriter().varint(2, 1).string(8, name)
                .message(13, new ProtoWriter().string(1, "location").string(2, location))
                .message(13, new ProtoWriter().string(1, "offset").string(2, Long.toString(offset)))
                .message(13, new ProtoWriter().string(1, "length").string(2, Long.toString(length)))
                .varint(14, 1));
        return this;
    }

    public ProtoWriter graphFields() {
        return graph;
    }

    public byte[] bytes() {
        return new ProtoWriter().rawBytes(model.toByteArray()).message(7, graph).toByteArray();
    }

    public Path writeTo(Path file) {
        try {
            return Files.write(file, bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProtoWriter valueInfo(String name, int elementType, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object dim : dims) {
            ProtoWriter dimension = new ProtoWriter();
            if (dim instanceof Long size) {
                dimension.varint(1, size);
            } else if (dim instanceof Integer size) {
                dimension.varint(1, size);
            } else if (dim instanceof String symbol) {
                dimension.string(2, symbol);
            }
            shape.message(1, dimension);
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elementType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
}
