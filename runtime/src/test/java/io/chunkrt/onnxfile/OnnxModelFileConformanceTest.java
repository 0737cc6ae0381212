package io.chunkrt.onnxfile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Parses the real third-party models under ../shared/testdata/onnx. What is asserted was cross-checked with
 * {@code onnx.load(path, load_external_data=False)} (Debian python3-onnx). Skipped when the folder is absent.
 */
class OnnxModelFileConformanceTest {

    private static Path onnxFolderOrSkip() {
        String root = System.getProperty("chunkrt.testdata");
        assumeTrue(root != null && !root.isBlank(), "system property chunkrt.testdata is not set");
        Path folder = Path.of(root, "onnx");
        assumeTrue(Files.isDirectory(folder), folder + " is absent");
        return folder;
    }

    private static OnnxModelFile model(String relative) {
        Path file = onnxFolderOrSkip().resolve(relative);
        assumeTrue(Files.isRegularFile(file), file + " is absent");
        return OnnxModelFile.read(file);
    }

    @Test
    void everySharedPolicyHasOneFloatInputObsAndOneFloatOutputActions() throws IOException {
        List<Path> models;
        try (Stream<Path> walk = Files.walk(onnxFolderOrSkip())) {
            models = walk.filter(path -> path.getFileName().toString().equals("policy.onnx")).sorted().toList();
        }
        assertTrue(models.size() >= 4, "expected the four shared policies, found " + models);
        for (Path file : models) {
            OnnxModelFile model = OnnxModelFile.read(file);
            assertEquals(List.of("obs"), model.inputs().stream().map(OnnxValueInfo::name).toList(), file.toString());
            assertEquals(List.of("actions"), model.outputs().stream().map(OnnxValueInfo::name).toList(),
                    file.toString());
            assertEquals("float", model.inputs().getFirst().tensorType().orElseThrow().elementTypeName());
            assertEquals("pytorch", model.producerName(), file.toString());
            assertEquals("main_graph", model.graphName(), file.toString());
            assertDoesNotThrow(model::requireExternalDataFiles, file.toString());
        }
    }

    @Test
    void readsG1UpperBodyMetadataProps() {
        OnnxModelFile model = model("g1_upperbody_ros2/head/policy.onnx");

        assertEquals(List.of("run_path", "joint_names", "joint_stiffness", "joint_damping", "default_joint_pos",
                "command_names", "observation_names", "action_scale"), List.copyOf(model.metadataProps().keySet()));
        assertTrue(model.metadataProps().get("joint_names").startsWith("left_hip_pitch_joint,left_hip_roll_joint,"));
        assertEquals(29, model.metadataProps().get("joint_names").split(",").length);
        assertEquals(29, model.metadataProps().get("action_scale").split(",").length);
        assertTrue(model.metadataProps().get("default_joint_pos").startsWith("-0.100,0.000,0.000,0.300,"));
        assertEquals("obs: float[1, 106]", model.inputs().getFirst().toString());
        assertEquals("actions: float[1, 29]", model.outputs().getFirst().toString());
        assertEquals(8, model.irVersion());
        assertEquals("2.11.0", model.producerVersion());
        assertEquals(OptionalLong.of(18), model.defaultOpsetVersion());
        assertEquals(List.of(), model.externalDataFiles());
    }

    @Test
    void findsTheExternalDataFileOfTheOnnxruntimeControllerPolicy() {
        OnnxModelFile model = model("lopatoj_onnxruntime_controller/policy.onnx");

        assertEquals(List.of("policy.onnx.data"), model.externalDataFiles());
        assertEquals(List.of(), model.missingExternalDataFiles());
        assertEquals(10, model.irVersion());
        assertEquals(10, model.initializerCount());
        assertEquals("obs: float[1, 13]", model.inputs().getFirst().toString());
        assertEquals("actions: float[1, 2]", model.outputs().getFirst().toString());
    }

    @Test
    void readsOpset11UnitreeActorAndUrSweepShapes() {
        OnnxModelFile unitree = model("unitree_rl_lab_g1_velocity/policy.onnx");
        OnnxModelFile ur = model("contact_rich_ur_sweep/policy.onnx");

        assertEquals(6, unitree.irVersion());
        assertEquals(OptionalLong.of(11), unitree.defaultOpsetVersion());
        assertEquals("obs: float[1, 480]", unitree.inputs().getFirst().toString());
        assertEquals("actions: float[1, 29]", unitree.outputs().getFirst().toString());
        assertEquals("obs: float[1, 35]", ur.inputs().getFirst().toString());
        assertEquals("actions: float[1, 7]", ur.outputs().getFirst().toString());
        assertEquals("2.7.0", ur.producerVersion());
    }
}
