package io.chunkrt.lerobot;

import static io.chunkrt.lerobot.TestCheckpoints.ACT_CONFIG;
import static io.chunkrt.lerobot.TestCheckpoints.actProcessorStats;
import static io.chunkrt.lerobot.TestCheckpoints.processorCheckpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chunkrt.onnxfile.OnnxModelBuilder;
import io.chunkrt.tensorfile.SafetensorsFileBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeRobotCardWriterTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    @TempDir
    Path dir;

    private LeRobotCheckpoint act(String config) {
        return LeRobotCheckpoint.read(processorCheckpoint(dir.resolve("act_small"), config, actProcessorStats(),
                actProcessorStats()));
    }

    private Path actModel() {
        return actModel(dir.resolve("models/act.onnx"));
    }

    private static Path actModel(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return OnnxModelBuilder.model(8).opset("", 17)
                .input("observation.state", FLOAT, 1L, 2L)
                .input("observation.images.top", FLOAT, 1L, 3L, 4L, 5L)
                .output("action", FLOAT, 1L, 4L, 2L)
                .writeTo(file);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void writesAChunkCardForActWithAQueueExecutor() throws Exception {
        Path model = actModel();

        String card = LeRobotCardWriter.cardText(act(ACT_CONFIG), CardRequest.of("act_small", model),
                dir.resolve("cards"));

        assertEquals("""
                # Card for LeRobot act policy 'act_small'; check joint names, cameras and rates against the robot.
                name: act_small
                kind: chunk
                model:
                  file: ../models/act.onnx
                  sha256: %s
                inputs:
                  - name: observation.state
                    feature: observation.state
                    type: state
                    joints: [joint_0, joint_1]
                    history: 1
                    normalization: mean_std
                  - name: observation.images.top
                    feature: observation.images.top
                    type: image
                    camera: top
                    history: 1
                    normalization: mean_std
                    image:
                      channels: 3
                      height: 4
                      width: 5
                      resize: bilinear
                      scale: unit
                output:
                  name: action
                  feature: action
                  joints: [joint_0, joint_1]
                  horizon: 4
                  semantics: absolute
                  normalization: mean_std
                normalization:
                  variant: lerobot
                  eps: 1.0E-8
                stats:
                  observation.state:
                    mean: [0.5, -0.25]
                    std: [2.0, 0.125]
                  observation.images.top:
                    mean: [0.25, 0.5, 0.75]
                    std: [0.10000000149011612, 0.20000000298023224, 0.30000001192092896]
                  action:
                    mean: [1.0, 2.0]
                    std: [3.0, 4.0]
                rates:
                  policy_hz: 12.5
                  control_hz: 50
                execution:
                  executor: queue
                  n_action_steps: 4
                """.formatted(sha256(model)), card);
    }

    @Test
    void writesTemporalEnsemblingWithANewChunkEveryControlTick() {
        String config = ACT_CONFIG.replace("\"temporal_ensemble_coeff\": null", "\"temporal_ensemble_coeff\": 0.01");

        JsonNode card = parse(LeRobotCardWriter.cardText(act(config), CardRequest.of("a", actModel())
                .withControlHz(30), dir));

        assertEquals("temporal_ensembling", card.at("/execution/executor").asText());
        assertEquals(0.01, card.at("/execution/temporal_ensemble_coeff").doubleValue());
        assertEquals(4, card.at("/execution/n_action_steps").intValue());
        assertEquals(30, card.at("/rates/policy_hz").intValue());
        assertEquals(30, card.at("/rates/control_hz").intValue());
    }

    @Test
    void writesADiffusionCardWithTheDenoiserInputsAndScheduler() {
        String config = """
                {
                  "type": "diffusion", "n_obs_steps": 2, "horizon": 16, "n_action_steps": 8,
                  "input_features": {"observation.state": {"type": "STATE", "shape": [2]}},
                  "output_features": {"action": {"type": "ACTION", "shape": [2]}},
                  "normalization_mapping": {"STATE": "MIN_MAX", "ACTION": "MIN_MAX"},
                  "noise_scheduler_type": "DDIM", "num_train_timesteps": 100, "num_inference_steps": 10,
                  "beta_schedule": "squaredcos_cap_v2", "beta_start": 0.0001, "beta_end": 0.02,
                  "prediction_type": "epsilon", "clip_sample": true, "clip_sample_range": 1.0
                }
                """;
        SafetensorsFileBuilder stats = actProcessorStats()
                .f32("action.min", new long[] {2}, -3f, -3f)
                .f32("action.max", new long[] {2}, 3f, 3f);
        LeRobotCheckpoint checkpoint = LeRobotCheckpoint.read(processorCheckpoint(dir.resolve("dp"), config, stats,
                null));
        Path model = OnnxModelBuilder.model(8)
                .input("sample", FLOAT, 1L, 16L, 2L).input("timestep", INT64, 1L)
                .input("observation.state", FLOAT, 1L, 2L, 2L)
                .output("model_output", FLOAT, 1L, 16L, 2L)
                .writeTo(dir.resolve("unet.onnx"));

        String text = LeRobotCardWriter.cardText(checkpoint, CardRequest.of("dp", model), dir);
        JsonNode card = parse(text);

        assertEquals("diffusion", card.at("/kind").asText());
        assertEquals("model_output", card.at("/output/name").asText());
        assertEquals(16, card.at("/output/horizon").intValue());
        assertEquals(2, card.at("/inputs/0/history").intValue());
        assertEquals("min_max", card.at("/inputs/0/normalization").asText());
        assertTrue(text.endsWith("""
                diffusion:
                  sample_input: sample
                  timestep_input: timestep
                  scheduler: ddim
                  num_train_timesteps: 100
                  num_inference_steps: 10
                  beta_schedule: squaredcos_cap_v2
                  beta_start: 1.0E-4
                  beta_end: 0.02
                  prediction_type: epsilon
                  clip_sample: true
                  clip_sample_range: 1.0
                  set_alpha_to_one: true
                  steps_offset: 0
                  timestep_spacing: leading
                  eta: 0.0
                """), text);
        assertEquals(0.0001, card.at("/diffusion/beta_start").doubleValue());
        assertEquals(List.of("min", "max"), fieldNames(card.at("/stats/observation.state")));
    }

    @Test
    void writesAFlowCardWithNoiseAtOne() {
        String config = """
                {
                  "type": "smolvla", "chunk_size": 50, "n_action_steps": 25, "num_steps": 10,
                  "input_features": {"observation.state": {"type": "STATE", "shape": [2]}},
                  "output_features": {"action": {"type": "ACTION", "shape": [2]}},
                  "normalization_mapping": {"VISUAL": "IDENTITY", "STATE": "MEAN_STD", "ACTION": "MEAN_STD"}
                }
                """;
        LeRobotCheckpoint checkpoint = LeRobotCheckpoint.read(processorCheckpoint(dir.resolve("vla"), config,
                actProcessorStats(), null));
        Path model = OnnxModelBuilder.model(8)
                .input("x_t", FLOAT, 1L, 50L, 2L).input("time", FLOAT, 1L).input("observation.state", FLOAT, 1L, 2L)
                .output("velocity", FLOAT, 1L, 50L, 2L)
                .writeTo(dir.resolve("flow.onnx"));

        String text = LeRobotCardWriter.cardText(checkpoint, CardRequest.of("vla", model).withControlHz(50), dir);

        assertTrue(text.endsWith("""
                rates:
                  policy_hz: 2
                  control_hz: 50
                execution:
                  executor: queue
                  n_action_steps: 25
                flow:
                  sample_input: x_t
                  time_input: time
                  num_steps: 10
                  time_convention: noise_at_one
                """), text);
        assertEquals("flow", parse(text).at("/kind").asText());
        assertEquals("velocity", parse(text).at("/output/name").asText());
    }

    @Test
    void writesOnlyTheStatsEachModeNeeds() {
        JsonNode card = parse(LeRobotCardWriter.cardText(act(ACT_CONFIG), CardRequest.of("a", actModel()), dir));

        assertEquals(List.of("observation.state", "observation.images.top", "action"), fieldNames(card.at("/stats")));
        assertEquals(List.of("mean", "std"), fieldNames(card.at("/stats/observation.state")));
    }

    @Test
    void writesEmptyStatsWhenEveryFeatureIsIdentity() {
        String config = ACT_CONFIG.replace("\"MEAN_STD\"", "\"IDENTITY\"");

        String text = LeRobotCardWriter.cardText(act(config), CardRequest.of("a", actModel()), dir);

        assertTrue(text.contains("\nstats: {}\n"), text);
        assertTrue(parse(text).at("/stats").isEmpty());
    }

    @Test
    void writesStatsAsTheFloatsExactValueSoBothFloatAndDoubleParsersGetIt() {
        float[] awkward = {1e10f, 1.0E-10f, 0.1f, Float.MIN_VALUE, -Float.MAX_VALUE, 16777217f, 3.4e-39f};
        String config = ACT_CONFIG.replace("\"shape\": [2]}", "\"shape\": [7]}")
                .replace("\"VISUAL\": \"MEAN_STD\"", "\"VISUAL\": \"IDENTITY\"")
                .replace("\"ACTION\": \"MEAN_STD\"", "\"ACTION\": \"IDENTITY\"");
        SafetensorsFileBuilder stats = new SafetensorsFileBuilder()
                .f32("observation.state.mean", new long[] {7}, awkward)
                .f32("observation.state.std", new long[] {7}, awkward);
        LeRobotCheckpoint checkpoint = LeRobotCheckpoint.read(processorCheckpoint(dir.resolve("c"), config, stats,
                null));
        Path model = OnnxModelBuilder.model(8)
                .input("observation.state", FLOAT, 1L, 7L).input("observation.images.top", FLOAT, 1L, 3L, 4L, 5L)
                .output("action", FLOAT, 1L, 4L, 7L).writeTo(dir.resolve("m.onnx"));

        String text = LeRobotCardWriter.cardText(checkpoint, CardRequest.of("c", model), dir);
        JsonNode mean = parse(text).at("/stats/observation.state/mean");

        assertTrue(text.contains("1.0E+10"), text);
        assertTrue(text.contains("1.401298464324817E-45"), text);
        for (int i = 0; i < awkward.length; i++) {
            assertTrue(mean.get(i).isNumber(), mean.get(i) + " did not parse as a number");
            assertEquals(Float.floatToIntBits(awkward[i]), Float.floatToIntBits(mean.get(i).floatValue()),
                    mean.get(i).asText());
            assertEquals(awkward[i], Float.parseFloat(mean.get(i).asText()));
            assertEquals((double) awkward[i], Double.parseDouble(mean.get(i).asText()));
        }
    }

    @Test
    void writesTheModelPathRelativeToTheCardAndTheModelsSha256() throws Exception {
        Path model = actModel(dir.resolve("exports/v1/policy.onnx"));
        Path cardFile = dir.resolve("cards/act.yaml");

        LeRobotCardWriter.write(act(ACT_CONFIG), CardRequest.of("a", model), cardFile);
        JsonNode card = parse(Files.readString(cardFile));

        assertEquals("../exports/v1/policy.onnx", card.at("/model/file").asText());
        assertEquals(sha256(model), card.at("/model/sha256").asText());
    }

    @Test
    void writesAModelInTheCardFolderByItsFileName() {
        Path model = actModel(dir.resolve("cards/act.onnx"));

        JsonNode card = parse(LeRobotCardWriter.cardText(act(ACT_CONFIG), CardRequest.of("a", model),
                dir.resolve("cards")));

        assertEquals("act.onnx", card.at("/model/file").asText());
    }

    @Test
    void usesTheGivenJointNamesForStateAndAction() {
        CardRequest request = CardRequest.of("a", actModel()).withJoints(List.of("waist", "on"));

        String text = LeRobotCardWriter.cardText(act(ACT_CONFIG), request, dir);
        JsonNode card = parse(text);

        assertTrue(text.contains("joints: [waist, \"on\"]"), text);
        assertEquals("on", card.at("/inputs/0/joints/1").asText());
        assertEquals("waist", card.at("/output/joints/0").asText());
    }

    @Test
    void rejectsJointNamesOfTheWrongCount() {
        CardRequest request = CardRequest.of("a", actModel()).withJoints(List.of("a", "b", "c"));
        LeRobotCheckpoint checkpoint = act(ACT_CONFIG);

        LeRobotImportException e = assertThrows(LeRobotImportException.class,
                () -> LeRobotCardWriter.cardText(checkpoint, request, dir));

        assertEquals("checkpoint act_small: 3 joint names were given but 'observation.state' has width 2 (shape [2]);"
                + " pass 2 names, one per dimension in vector order", e.getMessage());
    }

    @Test
    void rejectsAnOnnxModelWhoseInputsAreNotTheFeatureNames() {
        Path model = OnnxModelBuilder.model(8).input("obs", FLOAT, 1L, 2L).output("actions", FLOAT, 1L, 2L)
                .writeTo(dir.resolve("other.onnx"));
        LeRobotCheckpoint checkpoint = act(ACT_CONFIG);

        LeRobotImportException e = assertThrows(LeRobotImportException.class,
                () -> LeRobotCardWriter.cardText(checkpoint, CardRequest.of("a", model), dir));

        assertEquals("checkpoint act_small: ONNX model '" + model + "' has inputs [obs] but a card for this act policy"
                + " feeds [observation.state, observation.images.top]; export the model with input_names equal to"
                + " these", e.getMessage());
    }

    @Test
    void rejectsAModelWithSeveralOutputsUntilOneIsNamed() {
        Path model = OnnxModelBuilder.model(8)
                .input("observation.state", FLOAT, 1L, 2L).input("observation.images.top", FLOAT, 1L, 3L, 4L, 5L)
                .output("action", FLOAT, 1L, 4L, 2L).output("latent", FLOAT, 1L, 32L)
                .writeTo(dir.resolve("two.onnx"));
        LeRobotCheckpoint checkpoint = act(ACT_CONFIG);

        LeRobotImportException e = assertThrows(LeRobotImportException.class,
                () -> LeRobotCardWriter.cardText(checkpoint, CardRequest.of("a", model), dir));
        String named = LeRobotCardWriter.cardText(checkpoint, CardRequest.of("a", model).withOutputName("action"),
                dir);

        assertEquals("checkpoint act_small: ONNX model '" + model + "' has outputs [action, latent]; name the one"
                + " that holds the action", e.getMessage());
        assertEquals("action", parse(named).at("/output/name").asText());
    }

    @Test
    void rejectsANamedOutputTheModelLacks() {
        CardRequest request = CardRequest.of("a", actModel()).withOutputName("actions");
        LeRobotCheckpoint checkpoint = act(ACT_CONFIG);

        LeRobotImportException e = assertThrows(LeRobotImportException.class,
                () -> LeRobotCardWriter.cardText(checkpoint, request, dir));

        assertEquals("checkpoint act_small: ONNX model '" + request.onnxModel() + "' has no output 'actions'; its"
                + " outputs are [action]", e.getMessage());
    }

    @Test
    void rejectsAMissingModelFile() {
        Path missing = dir.resolve("absent.onnx");
        LeRobotCheckpoint checkpoint = act(ACT_CONFIG);

        LeRobotImportException e = assertThrows(LeRobotImportException.class,
                () -> LeRobotCardWriter.cardText(checkpoint, CardRequest.of("a", missing), dir));

        assertTrue(e.getMessage().startsWith("checkpoint act_small: cannot read model file '" + missing + "'"),
                e.getMessage());
    }

    @Test
    void rejectsAnEnvironmentStateInput() {
        String config = ACT_CONFIG.replace("\"type\": \"STATE\"", "\"type\": \"ENV\"");
        SafetensorsFileBuilder stats = actProcessorStats();
        LeRobotCheckpoint checkpoint = LeRobotCheckpoint.read(processorCheckpoint(dir.resolve("env"), config, stats,
                null));

        LeRobotImportException e = assertThrows(LeRobotImportException.class,
                () -> LeRobotCardWriter.cardText(checkpoint, CardRequest.of("a", actModel()), dir));

        assertEquals("checkpoint env: input 'observation.state' has type ENV, which a policy card cannot feed; cards"
                + " take STATE and VISUAL inputs, export a policy without it", e.getMessage());
    }

    @Test
    void writesTheSameTextForTheSameInputs() {
        CardRequest request = CardRequest.of("a", actModel());

        assertEquals(LeRobotCardWriter.cardText(act(ACT_CONFIG), request, dir),
                LeRobotCardWriter.cardText(act(ACT_CONFIG), request, dir));
    }

    @Test
    void rejectsACardNameSpanningLines() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CardRequest.of("a\nkind: flow", dir.resolve("m.onnx")));

        assertEquals("card name 'a\nkind: flow' is empty or holds control characters; pass a one-line label such"
                + " as act_aloha", e.getMessage());
    }

    private static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new AssertionError("card is not valid YAML: " + e.getMessage() + "\n" + yaml, e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).toList();
    }
}
