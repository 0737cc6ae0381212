package io.chunkrt.onnxfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an .onnx file declares about itself, read straight from its protobuf bytes without ONNX Runtime: header
 * fields, operator sets, metadata, graph inputs and outputs with their declared shapes, and the external-data files
 * its weights live in. Lets {@code inspect} describe a model and lets start-up name a missing weights file before a
 * session is created.
 *
 * @param file the model file as given
 * @param irVersion ModelProto.ir_version
 * @param producerName e.g. {@code pytorch}
 * @param producerVersion e.g. {@code 2.7.0}
 * @param domain ModelProto.domain
 * @param modelVersion ModelProto.model_version
 * @param docString ModelProto.doc_string
 * @param opsetImports operator sets in file order
 * @param metadataProps metadata_props in file order (a repeated key keeps its last value)
 * @param graphName GraphProto.name
 * @param inputs graph inputs a caller feeds, in order; inputs that are initializers (weights) are left out
 * @param outputs graph outputs in order
 * @param initializerCount number of initializers (weight tensors)
 * @param externalDataFiles distinct external-data locations, relative to the model's folder, in first-use order
 */
public record OnnxModelFile(Path file, long irVersion, String producerName, String producerVersion, String domain,
                            long modelVersion, String docString, List<OnnxOpsetImport> opsetImports,
                            Map<String, String> metadataProps, String graphName, List<OnnxValueInfo> inputs,
                            List<OnnxValueInfo> outputs, int initializerCount, List<String> externalDataFiles) {

    // protobuf messages are limited to 2 GiB; larger models keep weights in external-data files.
    private static final long MAX_MODEL_BYTES = Integer.MAX_VALUE - 8;

    public OnnxModelFile {
        opsetImports = List.copyOf(opsetImports);
        metadataProps = Collections.unmodifiableMap(new LinkedHashMap<>(metadataProps));
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        externalDataFiles = List.copyOf(externalDataFiles);
    }

    /** Reads and parses {@code file}; throws {@link OnnxFileException} if it is unreadable or not an ONNX model. */
    public static OnnxModelFile read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_MODEL_BYTES) {
                throw new OnnxFileException("model file '" + file + "' is " + size + " bytes, more than the 2 GiB a"
                        + " protobuf may hold; export it with its weights in an external-data file");
            }
            return parse(Files.readAllBytes(file), file);
        } catch (IOException e) {
            throw new OnnxFileException("cannot read model file '" + file + "': " + e, e);
        }
    }

    /** Parses the bytes of a whole model file; {@code file} names it in errors and locates external data. */
    public static OnnxModelFile parse(byte[] bytes, Path file) {
        return ModelProtoParser.parse(bytes, file);
    }

    /** The version of the default ONNX operator set ({@code ""} or {@code ai.onnx}), if the model imports it. */
    public OptionalLong defaultOpsetVersion() {
        return opsetImports.stream()
                .filter(OnnxOpsetImport::isDefaultDomain)
                .mapToLong(OnnxOpsetImport::version)
                .findFirst();
    }

    public Optional<OnnxValueInfo> input(String name) {
        return inputs.stream().filter(input -> input.name().equals(name)).findFirst();
    }

    public Optional<OnnxValueInfo> output(String name) {
        return outputs.stream().filter(output -> output.name().equals(name)).findFirst();
    }

    /** External-data files resolved against the model's folder that do not exist there. */
    public List<Path> missingExternalDataFiles() {
        Path folder = file.toAbsolutePath().getParent();
        return externalDataFiles.stream()
                .map(folder::resolve)
                .filter(path -> !Files.isRegularFile(path))
                .toList();
    }

    /** Throws {@link OnnxFileException} naming the first external-data file that is missing. */
    public void requireExternalDataFiles() {
        Path folder = file.toAbsolutePath().getParent();
        List<String> missing = externalDataFiles.stream()
                .filter(location -> !Files.isRegularFile(folder.resolve(location)))
                .toList();
        if (!missing.isEmpty()) {
            String others = missing.size() > 1 ? " (" + (missing.size() - 1) + " more are missing)" : "";
            throw new OnnxFileException("model file '" + file + "' keeps weights in '" + missing.getFirst()
                    + "' but " + folder.resolve(missing.getFirst()) + " does not exist; copy it next to the model"
                    + others);
        }
    }
}
