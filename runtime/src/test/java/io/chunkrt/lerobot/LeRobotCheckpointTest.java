package io.chunkrt.lerobot;

import io.chunkrt.normalize.NormalizationMode;

import static io.chunkrt.lerobot.TestCheckpoints.ACT_CONFIG;
import static io.chunkrt.lerobot.TestCheckpoints.actLegacyModel;
import static io.chunkrt.lerobot.TestCheckpoints.actProcessorStats;
import static io.chunkrt.lerobot.TestCheckpoints.legacyCheckpoint;
import static io.chunkrt.lerobot.TestCheckpoints.processorCheckpoint;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.tensorfile.SafetensorsFileBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeRobotCheckpointTest {
    @TempDir
    Path dir;

    private static final String DIFFUSION_CONFIG = """
            {
              "type": "diffusion",
              "n_obs_steps": 2,
              "input_features": {"observation.state": {"type": "STATE", "shape": [3]}},
              "output_features": {"action": {"type": "ACTION", "shape": [3]}},
              "horizon": 16,
              "n_action_steps": 8,
              "normalization_mapping": {"VISUAL": "MEAN_STD", "STATE": "MIN_MAX", "ACTION": "MIN_MAX"},
              "noise_scheduler_type": "DDPM",
              "num_train_timesteps": 100,
              "beta_schedule": "squaredcos_cap_v2",
              "beta_start": 0.0001,
              "beta_end": 0.02,
              "prediction_type": "epsilon",
              "clip_sample": true,
              "clip_sample_range": 1.0,
              "num_inference_steps": %s
            }
            """;

    private static SafetensorsFileBuilder minMaxStats(int width) {
        float[] low = new float[width];
        float[] high = new float[width];
        Arrays.fill(low, -2f);
        Arrays.fill(high, 2f);
        return new SafetensorsFileBuilder()
                .f32("observation.state.min", new long[] {width}, low)
                .f32("observation.state.max", new long[] {width}, high)
                .f32("action.min", new long[] {width}, low)
                .f32("action.max", new long[] {width}, high);
    }

    @Test
    void readsProcessorLayoutFeaturesModesAndStats() {
        Path folder = processorCheckpoint(dir.resolve("act_v04"), ACT_CONFIG, actProcessorStats(), actProcessorStats());

        LeRobotCheckpoint checkpoint = LeRobotCheckpoint.read(folder);

        assertEquals("act_v04", checkpoint.name());
        assertEquals(CheckpointLayout.PROCESSOR_PIPELINE, checkpoint.layout());
        assertEquals("act", checkpoint.policyType());
        assertEquals(List.of(
                new PolicyFeature("observation.state", FeatureType.STATE, List.of(2), NormalizationMode.MEAN_STD),
                new PolicyFeature("observation.images.top", FeatureType.VISUAL, List.of(3, 4, 5),
                        NormalizationMode.MEAN_STD)), checkpoint.inputFeatures());
        assertEquals(List.of(new PolicyFeature("action", FeatureType.ACTION, List.of(2), NormalizationMode.MEAN_STD)),
                checkpoint.outputFeatures());
        assertArrayEquals(new float[] {0.5f, -0.25f}, checkpoint.stats().vector("observation.state", "mean"));
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, checkpoint.stats().vector("observation.images.top", "std"));
        assertArrayEquals(new float[] {3f, 4f}, checkpoint.stats().vector("action", "std"));
        assertEquals(1e-8, checkpoint.eps());
        assertEquals(4, checkpoint.horizon());
        assertEquals(4, checkpoint.nActionSteps());
        assertEquals(1, checkpoint.nObsSteps());
        assertEquals(OptionalDouble.empty(), checkpoint.temporalEnsembleCoeff());
        assertEquals(Optional.empty(), checkpoint.diffusion());
        assertEquals(Optional.empty(), checkpoint.flow());
    }

    @Test
    void keepsOnlyTheStatsEachModeNeeds() {
        LeRobotCheckpoint checkpoint = LeRobotCheckpoint.read(
                processorCheckpoint(dir.resolve("c"), ACT_CONFIG, actProcessorStats(), null));

        assertEquals(Set.of("mean", "std"), checkpoint.stats().statNames("observation.state"));
        assertEquals(Set.of(), checkpoint.stats().statNames("timestamp"));
    }

    @Test
    void readsLegacyBuffersByFeatureNamesWithDotsReplacedByUnderscores() {
        Path folder = legacyCheckpoint(dir.resolve("act_legacy"), ACT_CONFIG, actLegacyModel());

        LeRobotCheckpoint checkpoint = LeRobotCheckpoint.read(folder);

        assertEquals(CheckpointLayout.LEGACY_BUFFERS, checkpoint.layout());
        assertArrayEquals(new float[] {0.25f, 0.5f, 0.75f},
                checkpoint.stats().vector("observation.images.top", "mean"));
        assertArrayEquals(new float[] {2f, 0.125f}, checkpoint.stats().vector("observation.state", "std"));
        assertArrayEquals(new float[] {1f, 2f}, checkpoint.stats().vector("action", "mean"));
        assertEquals(1e-8, checkpoint.eps());
    }

    @Test
    void readsTheSameCheckpointFromBothLayouts() {
        LeRobotCheckpoint processor = LeRobotCheckpoint.read(
                processorCheckpoint(dir.resolve("a"), ACT_CONFIG, actProcessorStats(), actProcessorStats()));
        LeRobotCheckpoint legacy = LeRobotCheckpoint.read(legacyCheckpoint(dir.resolve("b"), ACT_CONFIG,
                actLegacyModel()));

        assertEquals(processor.inputFeatures(), legacy.inputFeatures());
        for (String feature : List.of("observation.state", "observation.images.top", "action")) {
            for (String stat : List.of("mean", "std")) {
                assertArrayEquals(processor.stats().vector(feature, stat), legacy.stats().vector(feature, stat));
            }
        }
    }

    @Test
    void unnormalizesOutputsWithTheUnnormalizerStats() {
        SafetensorsFileBuilder post = actProcessorStats()
                .f32("action.mean", new long[] {2}, 7f, 8f);

        LeRobotCheckpoint checkpoint = LeRobotCheckpoint.read(
                processorCheckpoint(dir.resolve("c"), ACT_CONFIG, actProcessorStats(), post));

        assertArrayEquals(new float[] {7f, 8f}, checkpoint.stats().vector("action", "mean"));
    }

    @Test
    void unnormalizesOutputsWithTheLegacyUnnormalizeBuffersNotTheTargetBuffers() {
        SafetensorsFileBuilder model = actLegacyModel()
                .f32("normalize_targets.buffer_action.mean", new long[] {2}, -9f, -9f);

        LeRobotCheckpoint checkpoint = LeRobotCheckpoint.read(legacyCheckpoint(dir.resolve("c"), ACT_CONFIG, model));

        assertArrayEquals(new float[] {1f, 2f}, checkpoint.stats().vector("action", "mean"));
    }

    @Test
    void takesEpsFromTheNormalizerStep() throws IOException {
        Path folder = processorCheckpoint(dir.resolve("c"), ACT_CONFIG, actProcessorStats(), null);
        Path pre = folder.resolve("policy_preprocessor.json");
        Files.writeString(pre, Files.readString(pre).replace("1e-08", "1e-05"));

        assertEquals(1e-5, LeRobotCheckpoint.read(folder).eps());
    }

    @Test
    void readsActTemporalEnsemblingCoefficient() {
        String config = ACT_CONFIG.replace("\"temporal_ensemble_coeff\": null", "\"temporal_ensemble_coeff\": 0.01")
                .replace("\"n_action_steps\": 4", "\"n_action_steps\": 1");

        LeRobotCheckpoint checkpoint = LeRobotCheckpoint.read(
                processorCheckpoint(dir.resolve("c"), config, actProcessorStats(), null));

        assertEquals(OptionalDouble.of(0.01), checkpoint.temporalEnsembleCoeff());
        assertEquals(1, checkpoint.nActionSteps());
    }

    @Test
    void readsLeRobot01ConfigWithShapesAndPerFeatureModes() {
        String config = """
                {
                  "n_obs_steps": 1,
                  "chunk_size": 4,
                  "n_action_steps": 2,
                  "input_shapes": {"observation.images.top": [3, 4, 5], "observation.state": [2]},
                  "output_shapes": {"action": [2]},
                  "input_normalization_modes": {"observation.images.top": "mean_std", "observation.state": "min_max"},
                  "output_normalization_modes": {"action": "mean_std"},
                  "temporal_ensemble_coeff": null,
                  "use_vae": true
                }
                """;
        SafetensorsFileBuilder model = actLegacyModel()
                .f32("normalize_inputs.buffer_observation_state.min", new long[] {2}, -1f, -2f)
                .f32("normalize_inputs.buffer_observation_state.max", new long[] {2}, 1f, 2f);

        LeRobotCheckpoint checkpoint = LeRobotCheckpoint.read(legacyCheckpoint(dir.resolve("old"), config, model));

        assertEquals("act", checkpoint.policyType());
        assertEquals(List.of(
                new PolicyFeature("observation.images.top", FeatureType.VISUAL, List.of(3, 4, 5),
                        NormalizationMode.MEAN_STD),
                new PolicyFeature("observation.state", FeatureType.STATE, List.of(2), NormalizationMode.MIN_MAX)),
                checkpoint.inputFeatures());
        assertArrayEquals(new float[] {1f, 2f}, checkpoint.stats().vector("observation.state", "max"));
        assertEquals(2, checkpoint.nActionSteps());
    }

    @Test
    void readsDiffusionSchedulerDefaultingInferenceStepsToTrainTimesteps() {
        LeRobotCheckpoint checkpoint = LeRobotCheckpoint.read(processorCheckpoint(dir.resolve("diffusion_v04"),
                DIFFUSION_CONFIG.formatted("null"), minMaxStats(3), minMaxStats(3)));

        assertEquals("diffusion", checkpoint.policyType());
        assertEquals(16, checkpoint.horizon());
        assertEquals(8, checkpoint.nActionSteps());
        assertEquals(2, checkpoint.nObsSteps());
        assertEquals(Optional.of(new DiffusionSchedule("DDPM", 100, 100, "squaredcos_cap_v2", 0.0001, 0.02,
                "epsilon", true, 1.0)), checkpoint.diffusion());
        assertEquals(NormalizationMode.MIN_MAX, checkpoint.outputFeatures().getFirst().normalization());
    }

    @Test
    void readsExplicitInferenceSteps() {
        LeRobotCheckpoint checkpoint = LeRobotCheckpoint.read(processorCheckpoint(dir.resolve("d"),
                DIFFUSION_CONFIG.formatted("10").replace("\"DDPM\"", "\"DDIM\""), minMaxStats(3), null));

        assertEquals(10, checkpoint.diffusion().orElseThrow().numInferenceSteps());
        assertEquals("DDIM", checkpoint.diffusion().orElseThrow().noiseSchedulerType());
    }

    @Test
    void readsFlowStepsAndQuantileStatsOfPi05() {
        String config = """
                {
                  "type": "pi05",
                  "input_features": {
                    "observation.state": {"type": "STATE", "shape": [2]},
                    "observation.images.base_0_rgb": {"type": "VISUAL", "shape": [3, 224, 224]}
                  },
                  "output_features": {"action": {"type": "ACTION", "shape": [2]}},
                  "chunk_size": 50,
                  "n_action_steps": 50,
                  "num_steps": 10,
                  "normalization_mapping": {"VISUAL": "IDENTITY", "STATE": "QUANTILES", "ACTION": "QUANTILE10"}
                }
                """;
        SafetensorsFileBuilder stats = new SafetensorsFileBuilder()
                .f32("observation.state.q01", new long[] {2}, -1f, -1f)
                .f32("observation.state.q99", new long[] {2}, 1f, 1f)
                .f32("action.q10", new long[] {2}, -0.5f, -0.5f)
                .f32("action.q90", new long[] {2}, 0.5f, 0.5f);

        LeRobotCheckpoint checkpoint = LeRobotCheckpoint.read(processorCheckpoint(dir.resolve("pi"), config, stats,
                stats));

        assertEquals(Optional.of(new FlowSchedule(10)), checkpoint.flow());
        assertEquals(50, checkpoint.horizon());
        assertEquals(NormalizationMode.IDENTITY, checkpoint.inputFeatures().get(1).normalization());
        assertArrayEquals(new float[] {0.5f, 0.5f}, checkpoint.stats().vector("action", "q90"));
        assertEquals(Set.of(), checkpoint.stats().statNames("observation.images.base_0_rgb"));
    }

    @Test
    void treatsFeatureTypesMissingFromTheMappingAsIdentity() {
        String config = ACT_CONFIG.replace("\"VISUAL\": \"MEAN_STD\", ", "");

        LeRobotCheckpoint checkpoint = LeRobotCheckpoint.read(
                processorCheckpoint(dir.resolve("c"), config, actProcessorStats(), null));

        PolicyFeature camera = checkpoint.inputsOfType(FeatureType.VISUAL).getFirst();
        assertEquals(NormalizationMode.IDENTITY, camera.normalization());
    }

    @Test
    void rejectsFolderWithoutConfigJson() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("empty"));

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint empty: no config.json in " + folder + "; pass the pretrained_model folder that"
                + " LeRobot's save_pretrained wrote", e.getMessage());
    }

    @Test
    void rejectsPathThatIsNotAFolder() {
        Path missing = dir.resolve("nothing");

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(missing));

        assertEquals("checkpoint nothing: " + missing + " is not a folder; pass the pretrained_model folder that"
                + " LeRobot's save_pretrained wrote", e.getMessage());
    }

    @Test
    void rejectsUnknownLayout() {
        Path folder = dir.resolve("half");
        TestCheckpoints.write(folder.resolve("config.json"), ACT_CONFIG);

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint half: " + folder + " has config.json but neither policy_preprocessor.json (LeRobot"
                + " 0.4+) nor model.safetensors (LeRobot 0.3 and earlier), so its layout is unknown; pass the"
                + " complete pretrained_model folder", e.getMessage());
    }

    @Test
    void rejectsMissingStatNamingKeyModeAndFix() {
        SafetensorsFileBuilder stats = new SafetensorsFileBuilder()
                .f32("observation.state.mean", new long[] {2}, 0f, 0f);
        Path folder = processorCheckpoint(dir.resolve("act_v04"), ACT_CONFIG, stats, null);

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint act_v04: normalizer stats lack 'observation.state.std' (needed by MEAN_STD for"
                + " STATE); re-save the checkpoint with dataset stats or set normalization_mapping.STATE to IDENTITY",
                e.getMessage());
    }

    @Test
    void rejectsMissingOutputStatNamingTheUnnormalizer() {
        SafetensorsFileBuilder post = new SafetensorsFileBuilder().f32("action.mean", new long[] {2}, 0f, 0f);
        SafetensorsFileBuilder pre = new SafetensorsFileBuilder()
                .f32("observation.state.mean", new long[] {2}, 0f, 0f)
                .f32("observation.state.std", new long[] {2}, 1f, 1f)
                .f32("observation.images.top.mean", new long[] {3}, 0f, 0f, 0f)
                .f32("observation.images.top.std", new long[] {3}, 1f, 1f, 1f);
        Path folder = processorCheckpoint(dir.resolve("c"), ACT_CONFIG, pre, post);

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint c: unnormalizer stats lack 'action.std' (needed by MEAN_STD for ACTION); re-save"
                + " the checkpoint with dataset stats or set normalization_mapping.ACTION to IDENTITY", e.getMessage());
    }

    @Test
    void rejectsMissingLegacyBufferNamingTheBuffer() {
        SafetensorsFileBuilder model = new SafetensorsFileBuilder()
                .f32("normalize_inputs.buffer_observation_state.mean", new long[] {2}, 0f, 0f);
        Path folder = legacyCheckpoint(dir.resolve("act_legacy"), ACT_CONFIG, model);

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint act_legacy: model.safetensors lacks 'normalize_inputs.buffer_observation_state.std'"
                + " (needed by MEAN_STD for STATE); re-save the checkpoint with dataset stats or set"
                + " normalization_mapping.STATE to IDENTITY", e.getMessage());
    }

    @Test
    void rejectsLegacyBuffersLeftInfiniteBecauseNoStatsWereLoaded() {
        SafetensorsFileBuilder model = actLegacyModel().f32("normalize_inputs.buffer_observation_state.mean",
                new long[] {2}, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY);
        Path folder = legacyCheckpoint(dir.resolve("act_legacy"), ACT_CONFIG, model);

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint act_legacy: 'normalize_inputs.buffer_observation_state.mean' holds [Infinity,"
                + " Infinity], not all finite (needed by MEAN_STD for STATE); LeRobot leaves infinities when a policy"
                + " is saved without dataset stats, re-save it with them or set normalization_mapping.STATE to"
                + " IDENTITY", e.getMessage());
    }

    @Test
    void rejectsStatsWhoseWidthDiffersFromTheFeature() {
        SafetensorsFileBuilder stats = actProcessorStats().f32("observation.state.std", new long[] {3}, 1f, 1f, 1f);
        Path folder = processorCheckpoint(dir.resolve("c"), ACT_CONFIG, stats, null);

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint c: 'observation.state.std' has 3 values but observation.state of shape [2] needs 2"
                + " (needed by MEAN_STD for STATE); the stats belong to another dataset, re-save the checkpoint with"
                + " this policy's dataset stats", e.getMessage());
    }

    @Test
    void rejectsOldConfigStatsHintingAtItsPerFeatureModes() {
        String config = """
                {"chunk_size": 4, "use_vae": true, "input_shapes": {"observation.state": [2]},
                 "output_shapes": {"action": [2]}, "input_normalization_modes": {"observation.state": "mean_std"}}
                """;
        Path folder = legacyCheckpoint(dir.resolve("old"), config, new SafetensorsFileBuilder());

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint old: model.safetensors lacks 'normalize_inputs.buffer_observation_state.mean'"
                + " (needed by MEAN_STD for STATE); re-save the checkpoint with dataset stats or remove"
                + " 'observation.state' from input_normalization_modes", e.getMessage());
    }

    @Test
    void rejectsUnknownFeatureTypeListingTheValidOnes() {
        String config = ACT_CONFIG.replace("\"type\": \"STATE\"", "\"type\": \"JOINTS\"");
        Path folder = processorCheckpoint(dir.resolve("c"), config, actProcessorStats(), null);

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint c: config.json has input_features.observation.state.type \"JOINTS\"; expected one of"
                + " [STATE, VISUAL, ENV, ACTION, REWARD, LANGUAGE]", e.getMessage());
    }

    @Test
    void rejectsUnknownNormalizationModeListingTheValidOnes() {
        String config = ACT_CONFIG.replace("\"STATE\": \"MEAN_STD\"", "\"STATE\": \"ZSCORE\"");
        Path folder = processorCheckpoint(dir.resolve("c"), config, actProcessorStats(), null);

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint c: config.json has normalization_mapping.STATE \"ZSCORE\"; expected one of"
                + " [IDENTITY, MEAN_STD, MIN_MAX, QUANTILES, QUANTILE10]", e.getMessage());
    }

    @Test
    void rejectsStateFileNamedButAbsent() throws IOException {
        Path folder = processorCheckpoint(dir.resolve("c"), ACT_CONFIG, actProcessorStats(), null);
        Files.delete(folder.resolve(TestCheckpoints.PRE_STATE));

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint c: policy_preprocessor.json names state_file '" + TestCheckpoints.PRE_STATE + "' but "
                + folder.resolve(TestCheckpoints.PRE_STATE) + " does not exist; copy the whole checkpoint folder",
                e.getMessage());
    }

    @Test
    void rejectsCorruptStatsFileNamingTheCheckpointAndFile() throws IOException {
        Path folder = processorCheckpoint(dir.resolve("c"), ACT_CONFIG, actProcessorStats(), null);
        Files.write(folder.resolve(TestCheckpoints.PRE_STATE), new byte[3]);

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint c: safetensors file '" + folder.resolve(TestCheckpoints.PRE_STATE) + "' is 3 bytes,"
                + " shorter than the 8-byte header length; it is truncated or not a safetensors file", e.getMessage());
    }

    @Test
    void rejectsConfigThatIsNotJson() {
        Path folder = processorCheckpoint(dir.resolve("c"), "{\"type\": \"act\",", actProcessorStats(), null);

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertTrue(e.getMessage().startsWith("checkpoint c: config.json is not valid JSON at line "), e.getMessage());
    }

    @Test
    void rejectsActionStepsBeyondTheChunk() {
        String config = ACT_CONFIG.replace("\"n_action_steps\": 4", "\"n_action_steps\": 5");
        Path folder = processorCheckpoint(dir.resolve("c"), config, actProcessorStats(), null);

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint c: config.json has n_action_steps 5 outside 1..4 (the chunk length)", e.getMessage());
    }

    @Test
    void rejectsConfigWithoutTypeOrIdentifyingFields() {
        String config = "{\"input_shapes\": {\"observation.state\": [2]}, \"output_shapes\": {\"action\": [2]}}";
        Path folder = legacyCheckpoint(dir.resolve("c"), config, new SafetensorsFileBuilder());

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint c: config.json has no 'type' and none of the fields that identify act, diffusion,"
                + " vqbet or tdmpc; add \"type\": \"<policy>\" to it", e.getMessage());
    }

    @Test
    void rejectsDiffusionConfigLackingASchedulerField() {
        String config = DIFFUSION_CONFIG.formatted("null").replace("\"beta_schedule\": \"squaredcos_cap_v2\",", "");
        Path folder = processorCheckpoint(dir.resolve("c"), config, minMaxStats(3), null);

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint c: config.json lacks 'beta_schedule', which a diffusion policy needs; re-save the"
                + " config with LeRobot or add it", e.getMessage());
    }

    @Test
    void rejectsDiffusionConfigWithAnUnknownScheduler() {
        String config = DIFFUSION_CONFIG.formatted("null").replace("\"DDPM\"", "\"PNDM\"");
        Path folder = processorCheckpoint(dir.resolve("c"), config, minMaxStats(3), null);

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint c: config.json noise_scheduler_type is 'PNDM'; expected DDPM or DDIM", e.getMessage());
    }

    @Test
    void rejectsFlowConfigWithoutNumSteps() {
        String config = """
                {"type": "smolvla", "chunk_size": 50,
                 "input_features": {"observation.state": {"type": "STATE", "shape": [2]}},
                 "output_features": {"action": {"type": "ACTION", "shape": [2]}}}
                """;
        Path folder = processorCheckpoint(dir.resolve("c"), config, new SafetensorsFileBuilder(), null);

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint c: config.json lacks 'num_steps', which a smolvla policy needs; re-save the config"
                + " with LeRobot or add it", e.getMessage());
    }

    @Test
    void rejectsImageFeatureWithoutChannelsHeightAndWidth() {
        String config = ACT_CONFIG.replace("[3, 4, 5]", "[4, 5]");
        Path folder = processorCheckpoint(dir.resolve("c"), config, actProcessorStats(), null);

        LeRobotImportException e = assertThrows(LeRobotImportException.class, () -> LeRobotCheckpoint.read(folder));

        assertEquals("checkpoint c: config.json feature 'observation.images.top' is VISUAL with shape [4, 5];"
                + " expected [channels, height, width]", e.getMessage());
    }
}
