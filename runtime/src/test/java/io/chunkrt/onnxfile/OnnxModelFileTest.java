package io.chunkrt.onnxfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelFileTest {
    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    private static final Path MODEL = Path.of("x.onnx");

    @TempDir
    Path dir;

    private static OnnxModelBuilder actorModel() {
        return OnnxModelBuilder.model(8)
                .producer("pytorch", "2.7.0")
                .opset("", 18)
                .opset("com.microsoft", 1)
                .metadata("joint_names", "a,b")
                .metadata("action_scale", "0.5,0.25")
                .graphName("main_graph")
                .input("obs", FLOAT, 1L, 35L)
                .output("actions", FLOAT, "batch", 7L);
    }

    @Test
    void readsHeaderFieldsOpsetsAndMetadataInFileOrder() {
        OnnxModelBuilder builder = actorModel();
        builder.modelFields().string(4, "ai.chunkrt").varint(5, 3).string(6, "an actor");

        OnnxModelFile model = OnnxModelFile.parse(builder.bytes(), MODEL);

        assertEquals(8, model.irVersion());
        assertEquals("pytorch", model.producerName());
        assertEquals("2.7.0", model.producerVersion());
        assertEquals("ai.chunkrt", model.domain());
        assertEquals(3, model.modelVersion());
        assertEquals("an actor", model.docString());
        assertEquals(List.of(new OnnxOpsetImport("", 18), new OnnxOpsetImport("com.microsoft", 1)),
                model.opsetImports());
        assertEquals(OptionalLong.of(18), model.defaultOpsetVersion());
        assertEquals(List.of("joint_names", "action_scale"), List.copyOf(model.metadataProps().keySet()));
        assertEquals("0.5,0.25", model.metadataProps().get("action_scale"));
        assertEquals("main_graph", model.graphName());
    }

    @Test
    void readsInputAndOutputTensorTypesWithFixedSymbolicAndUnknownAxes() {
        byte[] bytes = OnnxModelBuilder.model(9)
                .input("sample", FLOAT, 1L, 16L, 6L)
                .input("timestep", INT64, (Object) null)
                .output("model_output", FLOAT, "batch", 16L, 6L)
                .bytes();

        OnnxModelFile model = OnnxModelFile.parse(bytes, MODEL);

        OnnxTensorType sample = model.input("sample").orElseThrow().tensorType().orElseThrow();
        assertEquals("float", sample.elementTypeName());
        assertEquals(List.of(OnnxDimension.fixed(1), OnnxDimension.fixed(16), OnnxDimension.fixed(6)), sample.dims());
        OnnxTensorType timestep = model.input("timestep").orElseThrow().tensorType().orElseThrow();
        assertEquals("int64[?]", timestep.toString());
        assertEquals("model_output: float[batch, 16, 6]", model.outputs().getFirst().toString());
        assertTrue(model.output("model_output").orElseThrow().tensorType().orElseThrow().dims().getFirst()
                .symbol().equals("batch"));
    }

    @Test
    void distinguishesUnknownRankFromScalar() {
        ProtoWriter noShape = new ProtoWriter().string(1, "t")
                .message(2, new ProtoWriter().message(1, new ProtoWriter().varint(1, FLOAT)));
        OnnxModelBuilder builder = OnnxModelBuilder.model(8).input("scalar", FLOAT);
        builder.graphFields().message(11, noShape);

        OnnxModelFile model = OnnxModelFile.parse(builder.bytes(), MODEL);

        assertEquals("scalar: float[]", model.inputs().get(0).toString());
        assertEquals("t: float[...]", model.inputs().get(1).toString());
    }

    @Test
    void reportsNonTensorInputsAsHavingNoTensorType() {
        // TypeProto.sequence_type (field 4) instead of tensor_type.
        ProtoWriter sequence = new ProtoWriter().string(1, "seq").message(2, new ProtoWriter().message(4,
                new ProtoWriter().message(1, new ProtoWriter().message(1, new ProtoWriter().varint(1, FLOAT)))));
        OnnxModelBuilder builder = OnnxModelBuilder.model(8);
        builder.graphFields().message(11, sequence);

        OnnxValueInfo input = OnnxModelFile.parse(builder.bytes(), MODEL).inputs().getFirst();

        assertTrue(input.tensorType().isEmpty());
        assertEquals("seq: (not a tensor)", input.toString());
    }

    @Test
    void leavesInitializersThatOldExportersListedAsInputsOutOfTheInputs() {
        byte[] bytes = OnnxModelBuilder.model(3)
                .input("obs", FLOAT, 1L, 4L)
                .input("fc.weight", FLOAT, 4L, 4L)
                .initializer("fc.weight", 16)
                .bytes();

        OnnxModelFile model = OnnxModelFile.parse(bytes, MODEL);

        assertEquals(List.of("obs"), model.inputs().stream().map(OnnxValueInfo::name).toList());
        assertEquals(1, model.initializerCount());
    }

    @Test
    void listsDistinctExternalDataFilesInFirstUseOrder() throws IOException {
        Path file = actorModel()
                .externalInitializer("w1", "policy.onnx.data", 0, 64)
                .externalInitializer("w2", "policy.onnx.data", 64, 64)
                .externalInitializer("w3", "extra.bin", 0, 16)
                .initializer("b1", 4)
                .writeTo(dir.resolve("policy.onnx"));
        Files.write(dir.resolve("policy.onnx.data"), new byte[128]);

        OnnxModelFile model = OnnxModelFile.read(file);

        assertEquals(List.of("policy.onnx.data", "extra.bin"), model.externalDataFiles());
        assertEquals(4, model.initializerCount());
        assertEquals(List.of(dir.resolve("extra.bin").toAbsolutePath()), model.missingExternalDataFiles());
    }

    @Test
    void rejectsMissingExternalDataFileNamingItAndTheFix() {
        Path file = actorModel().externalInitializer("w", "policy.onnx.data", 0, 64).writeTo(dir.resolve("p.onnx"));
        OnnxModelFile model = OnnxModelFile.read(file);

        OnnxFileException e = assertThrows(OnnxFileException.class, model::requireExternalDataFiles);

        assertEquals("model file '" + file + "' keeps weights in 'policy.onnx.data' but "
                + dir.toAbsolutePath().resolve("policy.onnx.data") + " does not exist; copy it next to the model",
                e.getMessage());
    }

    @Test
    void acceptsModelWhoseExternalDataFilesArePresent() throws IOException {
        Path file = actorModel().externalInitializer("w", "w.data", 0, 4).writeTo(dir.resolve("p.onnx"));
        Files.write(dir.resolve("w.data"), new byte[4]);

        assertDoesNotThrow(OnnxModelFile.read(file)::requireExternalDataFiles);
    }

    @Test
    void rejectsExternalInitializerWithoutLocation() {
        OnnxModelBuilder builder = actorModel();
        builder.graphFields().message(5, new ProtoWriter().string(8, "w").varint(14, 1));

        OnnxFileException e = assertThrows(OnnxFileException.class, () -> OnnxModelFile.parse(builder.bytes(), MODEL));

        assertEquals("model file 'x.onnx': initializer 'w' keeps its data externally but names no location;"
                + " re-export the model with onnx.save and save_as_external_data=True", e.getMessage());
    }

    @Test
    void skipsUnknownFieldsOfEveryWireType() {
        OnnxModelBuilder builder = actorModel();
        builder.modelFields().varint(99, 12345).fixed64(98, -1L).fixed32(97, 7).string(96, "future");
        builder.graphFields().fixed32(40, 1).varint(41, 1).message(1, new ProtoWriter().string(3, "Relu"));

        OnnxModelFile model = OnnxModelFile.parse(builder.bytes(), MODEL);

        assertEquals(List.of("obs"), model.inputs().stream().map(OnnxValueInfo::name).toList());
        assertEquals("main_graph", model.graphName());
    }

    @Test
    void rejectsGroupWireTypeNamingFieldAndByte() {
        byte[] bytes = new ProtoWriter().varint(1, 8).tag(9, 3).toByteArray();

        OnnxFileException e = assertThrows(OnnxFileException.class, () -> OnnxModelFile.parse(bytes, MODEL));

        assertEquals("model file 'x.onnx' is truncated or not an ONNX model: field 9 at byte 2 uses wire type 3"
                + " (group), which ONNX models never contain", e.getMessage());
    }

    @Test
    void rejectsTruncatedLengthDelimitedFieldNamingNeededAndRemainingBytes() {
        OnnxModelBuilder builder = actorModel();
        byte[] whole = builder.bytes();
        byte[] truncated = Arrays.copyOf(whole, whole.length - 10);
        // The builder writes the graph last: one tag byte, its length as a varint, then its fields.
        int graphTag = builder.modelFields().toByteArray().length;
        int graphLength = builder.graphFields().toByteArray().length;
        int remaining = truncated.length - graphTag - 1 - varintSize(graphLength);

        OnnxFileException e = assertThrows(OnnxFileException.class, () -> OnnxModelFile.parse(truncated, MODEL));

        assertEquals("model file 'x.onnx' is truncated or not an ONNX model: length-delimited field 7 at byte "
                + graphTag + " needs " + graphLength + " bytes but only " + remaining + " remain", e.getMessage());
    }

    @Test
    void rejectsNestedFieldRunningPastItsEnclosingMessage() {
        // A graph of 3 bytes whose name claims 10.
        byte[] bytes = new ProtoWriter().varint(1, 8).tag(7, 2).rawVarint(3).tag(2, 2).rawVarint(10)
                .rawBytes(new byte[] {'a'}).toByteArray();

        OnnxFileException e = assertThrows(OnnxFileException.class, () -> OnnxModelFile.parse(bytes, MODEL));

        assertEquals("model file 'x.onnx' is truncated or not an ONNX model: length-delimited field 2 at byte 4"
                + " needs 10 bytes but only 1 remain", e.getMessage());
    }

    @Test
    void rejectsTextFileAsNotAnOnnxModel() {
        byte[] text = "name: act_like\nkind: chunk\n".getBytes(StandardCharsets.US_ASCII);

        OnnxFileException e = assertThrows(OnnxFileException.class, () -> OnnxModelFile.parse(text, MODEL));

        assertTrue(e.getMessage().startsWith("model file 'x.onnx' is truncated or not an ONNX model: "),
                e.getMessage());
    }

    @Test
    void rejectsEmptyFile() {
        OnnxFileException e = assertThrows(OnnxFileException.class, () -> OnnxModelFile.parse(new byte[0], MODEL));

        assertEquals("model file 'x.onnx' is empty (0 bytes); it is not an ONNX model", e.getMessage());
    }

    @Test
    void rejectsMessageWithoutAGraph() {
        byte[] bytes = new ProtoWriter().varint(1, 8).string(2, "pytorch").toByteArray();

        OnnxFileException e = assertThrows(OnnxFileException.class, () -> OnnxModelFile.parse(bytes, MODEL));

        assertEquals("model file 'x.onnx' is truncated or not an ONNX model: it has no graph (ModelProto field 7)",
                e.getMessage());
    }

    @Test
    void rejectsModelWithoutIrVersion() {
        byte[] bytes = new ProtoWriter().message(7, new ProtoWriter().string(2, "g")).toByteArray();

        OnnxFileException e = assertThrows(OnnxFileException.class, () -> OnnxModelFile.parse(bytes, MODEL));

        assertEquals("model file 'x.onnx' is truncated or not an ONNX model: its ir_version (ModelProto field 1)"
                + " is 0, expected a positive version", e.getMessage());
    }

    @Test
    void rejectsKnownFieldWithTheWrongWireType() {
        byte[] bytes = new ProtoWriter().string(1, "8").toByteArray();

        OnnxFileException e = assertThrows(OnnxFileException.class, () -> OnnxModelFile.parse(bytes, MODEL));

        assertEquals("model file 'x.onnx' is truncated or not an ONNX model: field 1 at byte 0 has wire type 2"
                + " (length-delimited) where ONNX declares wire type 0 (varint)", e.getMessage());
    }

    @Test
    void rejectsVarintLongerThanTenBytes() {
        byte[] bytes = new byte[12];
        bytes[0] = 0x08;
        Arrays.fill(bytes, 1, 12, (byte) 0x80);

        OnnxFileException e = assertThrows(OnnxFileException.class, () -> OnnxModelFile.parse(bytes, MODEL));

        assertEquals("model file 'x.onnx' is truncated or not an ONNX model: varint field 1 at byte 1 is longer"
                + " than the 10 bytes a varint may take", e.getMessage());
    }

    @Test
    void rejectsVarintCutOffByTheEndOfFile() {
        byte[] bytes = {0x08, (byte) 0x80};

        OnnxFileException e = assertThrows(OnnxFileException.class, () -> OnnxModelFile.parse(bytes, MODEL));

        assertEquals("model file 'x.onnx' is truncated or not an ONNX model: varint field 1 at byte 1 runs past"
                + " the end of its message at byte 2", e.getMessage());
    }

    @Test
    void rejectsFieldNumberZero() {
        byte[] bytes = {0x00, 0x01};

        OnnxFileException e = assertThrows(OnnxFileException.class, () -> OnnxModelFile.parse(bytes, MODEL));

        assertEquals("model file 'x.onnx' is truncated or not an ONNX model: field number 0 at byte 0 is not a"
                + " valid protobuf field", e.getMessage());
    }

    @Test
    void rejectsUndefinedWireTypes() {
        byte[] bytes = {(byte) ((3 << 3) | 7)};

        OnnxFileException e = assertThrows(OnnxFileException.class, () -> OnnxModelFile.parse(bytes, MODEL));

        assertEquals("model file 'x.onnx' is truncated or not an ONNX model: field 3 at byte 0 has wire type 7,"
                + " which protobuf does not define", e.getMessage());
    }

    @Test
    void rejectsFixed64CutOffByTheEndOfFile() {
        byte[] bytes = Arrays.copyOf(new ProtoWriter().varint(1, 8).fixed64(50, 1).toByteArray(), 6);

        OnnxFileException e = assertThrows(OnnxFileException.class, () -> OnnxModelFile.parse(bytes, MODEL));

        assertEquals("model file 'x.onnx' is truncated or not an ONNX model: fixed64 field 50 at byte 2 needs 8"
                + " bytes but only 2 remain", e.getMessage());
    }

    @Test
    void rejectsMissingFileNamingIt() {
        Path file = dir.resolve("absent.onnx");

        OnnxFileException e = assertThrows(OnnxFileException.class, () -> OnnxModelFile.read(file));

        assertTrue(e.getMessage().startsWith("cannot read model file '" + file + "'"), e.getMessage());
    }

    @Test
    void keepsTheLastValueOfARepeatedMetadataKey() {
        byte[] bytes = OnnxModelBuilder.model(8).metadata("k", "1").metadata("k", "2").bytes();

        assertEquals(Map.of("k", "2"), OnnxModelFile.parse(bytes, MODEL).metadataProps());
    }

    @Test
    void namesUnknownElementTypeCodesByNumber() {
        byte[] bytes = OnnxModelBuilder.model(8).input("odd", 99, 2L).bytes();

        OnnxTensorType type = OnnxModelFile.parse(bytes, MODEL).inputs().getFirst().tensorType().orElseThrow();

        assertEquals("type99[2]", type.toString());
        assertArrayEquals(new long[] {2}, type.dims().stream().mapToLong(OnnxDimension::size).toArray());
    }

    private static int varintSize(long value) {
        int size = 1;
        while ((value >>>= 7) != 0) {
            size++;
        }
        return size;
    }
}
