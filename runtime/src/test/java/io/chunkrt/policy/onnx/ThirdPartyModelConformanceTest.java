package io.chunkrt.policy.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chunkrt.policy.RawTensor;
import io.chunkrt.testing.FloatAsserts;
import io.chunkrt.testing.TestPaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The four real third-party policies in ../shared/testdata/onnx give onnxruntime 1.20.1's outputs within 1e-5. */
class ThirdPartyModelConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() throws IOException {
        Path golden = TestPaths.sharedTestdata().resolve("golden/onnx_io");
        JsonNode manifest = JSON.readTree(golden.resolve("manifest.json").toFile());
        JsonNode outputs = JSON.readTree(golden.resolve("ort_outputs.json").toFile());
        List<Arguments> out = new ArrayList<>();
        for (var model = manifest.fields(); model.hasNext(); ) {
            var m = model.next();
            for (var c = m.getValue().get("cases").fields(); c.hasNext(); ) {
                var kase = c.next();
                out.add(Arguments.of(m.getKey(), kase.getKey(), m.getValue(), kase.getValue(), outputs.get(m.getKey()).get(kase.getKey())));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void rawModelMatchesGoldenOutputsWithin1e5(String model, String kase, JsonNode modelNode, JsonNode inputs, JsonNode expected) throws IOException {
        Path testdata = TestPaths.sharedTestdata();
        Path golden = testdata.resolve("golden/onnx_io");
        try (RawOnnxModel onnx = new RawOnnxModel(testdata.resolve(modelNode.get("model").asText()), 1)) {
            Map<String, RawTensor> given = new java.util.HashMap<>();
            for (var in = inputs.fields(); in.hasNext(); ) {
                var e = in.next();
                given.put(e.getKey(), RawTensor.ofFloats(e.getKey(), shape(e.getValue().get("shape")), readBin(golden.resolve(e.getValue().get("file").asText()))));
            }
            Map<String, RawTensor> result = onnx.run(given);
            assertFalse(result.isEmpty());
            for (var out = expected.fields(); out.hasNext(); ) {
                var e = out.next();
                float[] want = readBin(golden.resolve(e.getValue().get("file").asText()));
                FloatAsserts.assertClose(want, result.get(e.getKey()).floats(), 1e-5, model + "/" + kase + "/" + e.getKey());
            }
        }
    }

    static long[] shape(JsonNode node) {
        long[] s = new long[node.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = node.get(i).asLong();
        }
        return s;
    }

    static float[] readBin(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }
}
