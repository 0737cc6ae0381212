package io.chunkrt.onnxfile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks an ONNX {@code ModelProto} in wire format and keeps what {@link OnnxModelFile} describes. Field numbers are
 * those of onnx/onnx.proto3; every other field is skipped by wire type, so models from newer IR versions parse.
 */
final class ModelProtoParser {
    // ModelProto
    private static final int IR_VERSION = 1;
    private static final int PRODUCER_NAME = 2;
    private static final int PRODUCER_VERSION = 3;
    private static final int DOMAIN = 4;
    private static final int MODEL_VERSION = 5;
    private static final int DOC_STRING = 6;
    private static final int GRAPH = 7;
    private static final int OPSET_IMPORT = 8;
    private static final int METADATA_PROPS = 14;
    // GraphProto
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    // TensorProto
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_EXTERNAL_DATA = 13;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final long DATA_LOCATION_EXTERNAL = 1;
    // OperatorSetIdProto, StringStringEntryProto, ValueInfoProto, TypeProto and its parts
    private static final int OPSET_DOMAIN = 1;
    private static final int OPSET_VERSION = 2;
    private static final int ENTRY_KEY = 1;
    private static final int ENTRY_VALUE = 2;
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_TYPE_ELEM_TYPE = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    private final Path file;
    private final String fileLabel;
    private long irVersion;
    private String producerName = "";
    private String producerVersion = "";
    private String domain = "";
    private long modelVersion;
    private String docString = "";
    private final List<OnnxOpsetImport> opsetImports = new ArrayList<>();
    private final Map<String, String> metadataProps = new LinkedHashMap<>();
    private boolean hasGraph;
    private String graphName = "";
    private final List<OnnxValueInfo> declaredInputs = new ArrayList<>();
    private final List<OnnxValueInfo> outputs = new ArrayList<>();
    private final Set<String> initializerNames = new HashSet<>();
    private final Set<String> externalDataFiles = new LinkedHashSet<>();

    private ModelProtoParser(Path file) {
        this.file = file;
        this.fileLabel = file.toString();
    }

    static OnnxModelFile parse(byte[] bytes, Path file) {
        ModelProtoParser parser = new ModelProtoParser(file);
        if (bytes.length == 0) {
            throw new OnnxFileException("model file '" + file + "' is empty (0 bytes); it is not an ONNX model");
        }
        parser.model(new ProtoReader(bytes, 0, bytes.length, parser.fileLabel));
        return parser.result();
    }

    private void model(ProtoReader in) {
        while (in.hasMoreFields()) {
            switch (in.nextField()) {
                case IR_VERSION -> irVersion = in.readVarint();
                case PRODUCER_NAME -> producerName = in.readString();
                case PRODUCER_VERSION -> producerVersion = in.readString();
                case DOMAIN -> domain = in.readString();
                case MODEL_VERSION -> modelVersion = in.readVarint();
                case DOC_STRING -> docString = in.readString();
                case GRAPH -> graph(in.readMessage());
                case OPSET_IMPORT -> opsetImports.add(opsetImport(in.readMessage()));
                case METADATA_PROPS -> metadataEntry(in.readMessage());
                default -> in.skipField();
            }
        }
    }

    private void graph(ProtoReader in) {
        hasGraph = true;
        while (in.hasMoreFields()) {
            switch (in.nextField()) {
                case GRAPH_NAME -> graphName = in.readString();
                case GRAPH_INITIALIZER -> initializer(in.readMessage());
                case GRAPH_INPUT -> declaredInputs.add(valueInfo(in.readMessage()));
                case GRAPH_OUTPUT -> outputs.add(valueInfo(in.readMessage()));
                default -> in.skipField();
            }
        }
    }

    private void initializer(ProtoReader in) {
        String name = "";
        long dataLocation = 0;
        String location = null;
        while (in.hasMoreFields()) {
            switch (in.nextField()) {
                case TENSOR_NAME -> name = in.readString();
                case TENSOR_DATA_LOCATION -> dataLocation = in.readVarint();
                case TENSOR_EXTERNAL_DATA -> {
                    String[] entry = stringEntry(in.readMessage());
                    if (entry[0].equals("location")) {
                        location = entry[1];
                    }
                }
                default -> in.skipField();
            }
        }
        initializerNames.add(name);
        if (dataLocation == DATA_LOCATION_EXTERNAL) {
            if (location == null || location.isEmpty()) {
                throw new OnnxFileException("model file '" + fileLabel + "': initializer '" + name
                        + "' keeps its data externally but names no location; re-export the model with onnx.save"
                        + " and save_as_external_data=True");
            }
            externalDataFiles.add(location);
        }
    }

    private OnnxOpsetImport opsetImport(ProtoReader in) {
        String opsetDomain = "";
        long version = 0;
        while (in.hasMoreFields()) {
            switch (in.nextField()) {
                case OPSET_DOMAIN -> opsetDomain = in.readString();
                case OPSET_VERSION -> version = in.readVarint();
                default -> in.skipField();
            }
        }
        return new OnnxOpsetImport(opsetDomain, version);
    }

    private void metadataEntry(ProtoReader in) {
        String[] entry = stringEntry(in);
        metadataProps.put(entry[0], entry[1]);
    }

    private String[] stringEntry(ProtoReader in) {
        String[] keyValue = {"", ""};
        while (in.hasMoreFields()) {
            switch (in.nextField()) {
                case ENTRY_KEY -> keyValue[0] = in.readString();
                case ENTRY_VALUE -> keyValue[1] = in.readString();
                default -> in.skipField();
            }
        }
        return keyValue;
    }

    private OnnxValueInfo valueInfo(ProtoReader in) {
        String name = "";
        Optional<OnnxTensorType> type = Optional.empty();
        while (in.hasMoreFields()) {
            switch (in.nextField()) {
                case VALUE_INFO_NAME -> name = in.readString();
                case VALUE_INFO_TYPE -> type = typeProto(in.readMessage());
                default -> in.skipField();
            }
        }
        return new OnnxValueInfo(name, type);
    }

    private Optional<OnnxTensorType> typeProto(ProtoReader in) {
        Optional<OnnxTensorType> tensorType = Optional.empty();
        while (in.hasMoreFields()) {
            if (in.nextField() == TYPE_TENSOR) {
                tensorType = Optional.of(tensorType(in.readMessage()));
            } else {
                in.skipField();
            }
        }
        return tensorType;
    }

    private OnnxTensorType tensorType(ProtoReader in) {
        int elementType = 0;
        List<OnnxDimension> dims = new ArrayList<>();
        boolean rankKnown = false;
        while (in.hasMoreFields()) {
            switch (in.nextField()) {
                case TENSOR_TYPE_ELEM_TYPE -> elementType = (int) in.readVarint();
                case TENSOR_TYPE_SHAPE -> {
                    rankKnown = true;
                    dims.clear();
                    shape(in.readMessage(), dims);
                }
                default -> in.skipField();
            }
        }
        return new OnnxTensorType(elementType, dims, rankKnown);
    }

    private void shape(ProtoReader in, List<OnnxDimension> dims) {
        while (in.hasMoreFields()) {
            if (in.nextField() == SHAPE_DIM) {
                dims.add(dimension(in.readMessage()));
            } else {
                in.skipField();
            }
        }
    }

    private OnnxDimension dimension(ProtoReader in) {
        long size = -1;
        String symbol = "";
        while (in.hasMoreFields()) {
            switch (in.nextField()) {
                case DIM_VALUE -> size = Math.max(-1, in.readVarint());
                case DIM_PARAM -> symbol = in.readString();
                default -> in.skipField();
            }
        }
        return new OnnxDimension(size, symbol);
    }

    private OnnxModelFile result() {
        if (!hasGraph) {
            throw new OnnxFileException("model file '" + fileLabel + "' is truncated or not an ONNX model:"
                    + " it has no graph (ModelProto field 7)");
        }
        if (irVersion <= 0) {
            throw new OnnxFileException("model file '" + fileLabel + "' is truncated or not an ONNX model:"
                    + " its ir_version (ModelProto field 1) is " + irVersion + ", expected a positive version");
        }
        // Before IR version 4 exporters listed every initializer among the graph inputs; those are weights, not
        // values a caller feeds.
        List<OnnxValueInfo> inputs = declaredInputs.stream()
                .filter(input -> !initializerNames.contains(input.name()))
                .toList();
        return new OnnxModelFile(file, irVersion, producerName, producerVersion, domain, modelVersion, docString,
                opsetImports, metadataProps, graphName, inputs, outputs, initializerNames.size(),
                List.copyOf(externalDataFiles));
    }
}
