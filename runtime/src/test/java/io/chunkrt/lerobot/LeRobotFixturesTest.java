package io.chunkrt.lerobot;

import io.chunkrt.normalize.NormalizationMode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chunkrt.onnxfile.OnnxModelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports the checkpoint fixtures under models/lerobot_fixtures (written by models/export_models.py). */
class LeRobotFixturesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> ALOHA_JOINTS = List.of("left_waist", "left_shoulder", "left_elbow",
            "left_forearm_roll", "left_wrist_angle", "left_wrist_rotate", "left_gripper", "right_waist",
            "right_shoulder", "right_elbow", "right_forearm_roll", "right_wrist_angle", "right_wrist_rotate",
            "right_gripper");
    private static final int FLOAT = 1;

    @TempDir
    Path dir;

    private Path actLikeModel() {
        return OnnxModelBuilder.model(8)
                .input("observation.state", FLOAT, 1L, 14L)
                .input("observation.images.top", FLOAT, 1L, 3L, 48L, 64L)
                .input("observation.images.wrist", FLOAT, 1L, 3L, 48L, 64L)
                .output("action", FLOAT, 1L, 100L, 14L)
                .writeTo(dir.resolve("act_like.onnx"));
    }

    @Test
    void importsEquivalentCardsFromBothLayouts() {
        LeRobotCheckpoint v04 = LeRobotCheckpoint.read(RepoModels.lerobotFixture("act_v04"));
        LeRobotCheckpoint legacy = LeRobotCheckpoint.read(RepoModels.lerobotFixture("act_legacy"));
        CardRequest request = CardRequest.of("act_aloha", actLikeModel()).withJoints(ALOHA_JOINTS);

        String fromV04 = LeRobotCardWriter.cardText(v04, request, dir);
        String fromLegacy = LeRobotCardWriter.cardText(legacy, request, dir);

        assertEquals(CheckpointLayout.PROCESSOR_PIPELINE, v04.layout());
        assertEquals(CheckpointLayout.LEGACY_BUFFERS, legacy.layout());
        assertEquals(fromV04, fromLegacy);
    }

    @Test
    void readsTheActFixtureAsTheReadmeDescribesIt() {
        LeRobotCheckpoint act = LeRobotCheckpoint.read(RepoModels.lerobotFixture("act_v04"));

        assertEquals("act", act.policyType());
        assertEquals(List.of("observation.state", "observation.images.top", "observation.images.wrist"),
                act.inputFeatures().stream().map(PolicyFeature::name).toList());
        assertEquals(List.of(3, 48, 64), act.inputsOfType(FeatureType.VISUAL).getFirst().shape());
        assertEquals(100, act.horizon());
        assertEquals(100, act.nActionSteps());
        assertEquals(OptionalDouble.of(0.01), act.temporalEnsembleCoeff());
        assertEquals(3, act.stats().vector("observation.images.wrist", "std").length);
        assertEquals(14, act.stats().vector("action", "mean").length);
    }

    @Test
    void readsTheActFixtureStatsAlikeFromBothLayouts() {
        LeRobotCheckpoint v04 = LeRobotCheckpoint.read(RepoModels.lerobotFixture("act_v04"));
        LeRobotCheckpoint legacy = LeRobotCheckpoint.read(RepoModels.lerobotFixture("act_legacy"));

        assertEquals(v04.stats().vectors().keySet(), legacy.stats().vectors().keySet());
        for (String feature : v04.stats().vectors().keySet()) {
            for (String stat : v04.stats().statNames(feature)) {
                assertArrayEquals(v04.stats().vector(feature, stat), legacy.stats().vector(feature, stat),
                        feature + "." + stat);
            }
        }
    }

    @Test
    void readsTheDiffusionFixtureAsTheReadmeDescribesIt() {
        LeRobotCheckpoint diffusion = LeRobotCheckpoint.read(RepoModels.lerobotFixture("diffusion_v04"));

        assertEquals("diffusion", diffusion.policyType());
        assertEquals(16, diffusion.horizon());
        assertEquals(2, diffusion.nObsSteps());
        assertEquals(8, diffusion.nActionSteps());
        assertEquals(Optional.of(new DiffusionSchedule("DDPM", 100, 100, "squaredcos_cap_v2", 0.0001, 0.02,
                "epsilon", true, 1.0)), diffusion.diffusion());
        assertEquals(NormalizationMode.MIN_MAX, diffusion.inputFeatures().getFirst().normalization());
        float[] min = diffusion.stats().vector("observation.state", "min");
        float[] max = diffusion.stats().vector("observation.state", "max");
        assertEquals(min[3], max[3]);
    }

    @Test
    void writesTheSameCardAsTheHandWrittenActLikeCard() throws IOException {
        Path folder = RepoModels.folder().resolve("act_like");
        assumeTrue(Files.isRegularFile(folder.resolve("card.yaml")) && Files.isRegularFile(folder.resolve(
                "act_like.onnx")), "models/act_like is absent");
        CardRequest request = CardRequest.of("act_like", folder.resolve("act_like.onnx")).withJoints(ALOHA_JOINTS);

        JsonNode written = YAML.readTree(LeRobotCardWriter.cardText(
                LeRobotCheckpoint.read(RepoModels.lerobotFixture("act_v04")), request, folder));
        JsonNode expected = statsLimitedTo(YAML.readTree(folder.resolve("card.yaml").toFile()), "mean", "std");

        assertEquals(expected, written);
    }

    @Test
    void writesTheSameDenoiserFieldsAsTheHandWrittenUnetCard() throws IOException {
        Path folder = RepoModels.folder().resolve("unet_denoiser");
        assumeTrue(Files.isRegularFile(folder.resolve("card.yaml")) && Files.isRegularFile(folder.resolve(
                "unet_denoiser.onnx")), "models/unet_denoiser is absent");
        CardRequest request = CardRequest.of("unet_denoiser", folder.resolve("unet_denoiser.onnx"))
                .withJoints(List.of("joint_1", "joint_2", "joint_3", "joint_4", "joint_5", "joint_6"));

        ObjectNode written = (ObjectNode) YAML.readTree(LeRobotCardWriter.cardText(
                LeRobotCheckpoint.read(RepoModels.lerobotFixture("diffusion_v04")), request, folder));
        ObjectNode expected = statsLimitedTo(YAML.readTree(folder.resolve("card.yaml").toFile()), "min", "max");
        // The hand-written card runs the policy at the control rate; the writer asks for a chunk per queue.
        written.remove("rates");
        expected.remove("rates");

        assertEquals(expected, written);
    }

    private static ObjectNode statsLimitedTo(JsonNode card, String... stats) {
        ObjectNode copy = card.deepCopy();
        for (JsonNode named : copy.get("stats")) {
            ((ObjectNode) named).retain(stats);
        }
        return copy;
    }
}
