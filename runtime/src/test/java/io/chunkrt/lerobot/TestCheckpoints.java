package io.chunkrt.lerobot;

import io.chunkrt.tensorfile.SafetensorsFileBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small LeRobot checkpoint folders in both layouts for tests. */
final class TestCheckpoints {
    static final String PRE_STATE = "policy_preprocessor_step_3_normalizer_processor.safetensors";
    static final String POST_STATE = "policy_postprocessor_step_0_unnormalizer_processor.safetensors";

    /** ACT with a 2-joint state, one 3x4x5 camera and a 2-wide action, everything MEAN_STD, chunk 4. */
    static final String ACT_CONFIG = """
            {
              "type": "act",
              "n_obs_steps": 1,
              "input_features": {
                "observation.state": {"type": "STATE", "shape": [2]},
                "observation.images.top": {"type": "VISUAL", "shape": [3, 4, 5]}
              },
              "output_features": {"action": {"type": "ACTION", "shape": [2]}},
              "chunk_size": 4,
              "n_action_steps": 4,
              "normalization_mapping": {"VISUAL": "MEAN_STD", "STATE": "MEAN_STD", "ACTION": "MEAN_STD"},
              "temporal_ensemble_coeff": null,
              "dim_model": 512
            }
            """;

    private TestCheckpoints() {
    }

    /** Stats as LeRobot 0.4 saves them: every stat of every dataset column, images as [3, 1, 1]. */
    static SafetensorsFileBuilder actProcessorStats() {
        return new SafetensorsFileBuilder()
                .f32("observation.state.mean", new long[] {2}, 0.5f, -0.25f)
                .f32("observation.state.std", new long[] {2}, 2f, 0.125f)
                .f32("observation.state.min", new long[] {2}, -1f, -1f)
                .f32("observation.state.max", new long[] {2}, 1f, 1f)
                .f32("observation.state.count", new long[] {1}, 100f)
                .f32("observation.images.top.mean", new long[] {3, 1, 1}, 0.25f, 0.5f, 0.75f)
                .f32("observation.images.top.std", new long[] {3, 1, 1}, 0.1f, 0.2f, 0.3f)
                .f32("action.mean", new long[] {2}, 1f, 2f)
                .f32("action.std", new long[] {2}, 3f, 4f)
                .f32("timestamp.mean", new long[] {1}, 9.98f)
                .f32("frame_index.max", new long[] {1}, 499f);
    }

    /** The same stats as LeRobot 0.3 buffers, next to a weight tensor. */
    static SafetensorsFileBuilder actLegacyModel() {
        return new SafetensorsFileBuilder()
                .metadata("format", "pt")
                .f32("model.action_head.weight", new long[] {2, 2}, 9f, 9f, 9f, 9f)
                .f32("normalize_inputs.buffer_observation_state.mean", new long[] {2}, 0.5f, -0.25f)
                .f32("normalize_inputs.buffer_observation_state.std", new long[] {2}, 2f, 0.125f)
                .f32("normalize_inputs.buffer_observation_images_top.mean", new long[] {3, 1, 1}, 0.25f, 0.5f, 0.75f)
                .f32("normalize_inputs.buffer_observation_images_top.std", new long[] {3, 1, 1}, 0.1f, 0.2f, 0.3f)
                .f32("normalize_targets.buffer_action.mean", new long[] {2}, 1f, 2f)
                .f32("normalize_targets.buffer_action.std", new long[] {2}, 3f, 4f)
                .f32("unnormalize_outputs.buffer_action.mean", new long[] {2}, 1f, 2f)
                .f32("unnormalize_outputs.buffer_action.std", new long[] {2}, 3f, 4f);
    }

    /** A LeRobot 0.4 folder; {@code postStats} null leaves out policy_postprocessor.json. */
    static Path processorCheckpoint(Path dir, String config, SafetensorsFileBuilder preStats,
                                    SafetensorsFileBuilder postStats) {
        write(dir.resolve("config.json"), config);
        write(dir.resolve("policy_preprocessor.json"), """
                {
                  "name": "policy_preprocessor",
                  "steps": [
                    {"registry_name": "rename_observations_processor", "config": {"rename_map": {}}},
                    {"registry_name": "to_batch_processor", "config": {}},
                    {"registry_name": "device_processor", "config": {"device": "cuda", "float_dtype": null}},
                    {"registry_name": "normalizer_processor", "config": {"eps": 1e-08},
                     "state_file": "%s"}
                  ]
                }
                """.formatted(PRE_STATE));
        preStats.writeTo(dir.resolve(PRE_STATE));
        if (postStats != null) {
            write(dir.resolve("policy_postprocessor.json"), """
                    {
                      "name": "policy_postprocessor",
                      "steps": [
                        {"registry_name": "unnormalizer_processor", "config": {"eps": 1e-08}, "state_file": "%s"},
                        {"registry_name": "device_processor", "config": {"device": "cpu", "float_dtype": null}}
                      ]
                    }
                    """.formatted(POST_STATE));
            postStats.writeTo(dir.resolve(POST_STATE));
        }
        new SafetensorsFileBuilder().f32("model.w", new long[] {1}, 0f).writeTo(dir.resolve("model.safetensors"));
        return dir;
    }

    static Path legacyCheckpoint(Path dir, String config, SafetensorsFileBuilder model) {
        write(dir.resolve("config.json"), config);
        model.writeTo(dir.resolve("model.safetensors"));
        return dir;
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
