package io.chunkrt.lerobot;

import io.chunkrt.normalize.NormalizationMode;

import io.chunkrt.tensorfile.SafetensorsReader;
import io.chunkrt.tensorfile.TensorFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A LeRobot policy checkpoint folder (the {@code pretrained_model} folder {@code save_pretrained} writes), read in
 * either layout: LeRobot 0.4+ processor pipelines or LeRobot 0.3-and-earlier normalization buffers. Everything a
 * policy card needs besides the ONNX file: features, normalization and its stats, chunking, and the diffusion or
 * flow schedule. Reading checks that every stat a feature's mode needs is present, has the feature's width and is
 * finite, so a card written from it loads.
 *
 * @param name the folder's name, used in messages
 * @param directory the folder
 * @param layout where the stats came from
 * @param policyType LeRobot's policy type: {@code act}, {@code diffusion}, {@code pi0}, {@code smolvla}, ...
 * @param inputFeatures input features in config order
 * @param outputFeatures output features in config order (normally just {@code action})
 * @param stats for each feature whose mode is not IDENTITY, exactly the stats its mode needs, flattened
 * @param eps LeRobot's normalization epsilon
 * @param horizon actions per chunk: {@code chunk_size} (act, pi0, smolvla), {@code horizon} (diffusion),
 *                {@code action_chunk_size} (vqbet), else {@code chunk_size} or 1
 * @param nActionSteps actions executed per chunk
 * @param nObsSteps observation steps per inference
 * @param temporalEnsembleCoeff ACT's temporal ensembling coefficient when it is set
 * @param diffusion the scheduler of a diffusion policy
 * @param flow the flow-matching steps of pi0, pi05 and SmolVLA
 */
public record LeRobotCheckpoint(String name, Path directory, CheckpointLayout layout, String policyType,
                                List<PolicyFeature> inputFeatures, List<PolicyFeature> outputFeatures,
                                NormalizationStats stats, double eps, int horizon, int nActionSteps, int nObsSteps,
                                OptionalDouble temporalEnsembleCoeff, Optional<DiffusionSchedule> diffusion,
                                Optional<FlowSchedule> flow) {

    public LeRobotCheckpoint {
        inputFeatures = List.copyOf(inputFeatures);
        outputFeatures = List.copyOf(outputFeatures);
        if (horizon < 1 || nActionSteps < 1 || nActionSteps > horizon || nObsSteps < 1) {
            throw new IllegalArgumentException("checkpoint " + name + ": horizon " + horizon + ", n_action_steps "
                    + nActionSteps + " and n_obs_steps " + nObsSteps
                    + " must satisfy 1 <= n_action_steps <= horizon and n_obs_steps >= 1");
        }
    }

    /** Reads the checkpoint folder; throws {@link LeRobotImportException} with a one-line reason. */
    public static LeRobotCheckpoint read(Path directory) {
        String name = String.valueOf(directory.toAbsolutePath().normalize().getFileName());
        if (!Files.isDirectory(directory)) {
            throw new LeRobotImportException("checkpoint " + name + ": " + directory + " is not a folder; pass the"
                    + " pretrained_model folder that LeRobot's save_pretrained wrote");
        }
        Path configFile = directory.resolve(PolicyConfigReader.CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new LeRobotImportException("checkpoint " + name + ": no config.json in " + directory
                    + "; pass the pretrained_model folder that LeRobot's save_pretrained wrote");
        }
        PolicyConfig config = PolicyConfigReader.read(configFile, name);
        try {
            CheckpointLayout layout = layoutOf(directory, name);
            StatsSource source = switch (layout) {
                case PROCESSOR_PIPELINE -> ProcessorStateFiles.open(directory, name);
                case LEGACY_BUFFERS -> new LegacyNormalizationBuffers(
                        SafetensorsReader.open(directory.resolve(LegacyNormalizationBuffers.MODEL_FILE)));
            };
            Map<String, Map<String, float[]>> vectors = new LinkedHashMap<>();
            for (PolicyFeature input : config.inputs()) {
                vectors.put(input.name(), requiredStats(input, FeatureRole.INPUT, source, config, name));
            }
            for (PolicyFeature output : config.outputs()) {
                vectors.put(output.name(), requiredStats(output, FeatureRole.OUTPUT, source, config, name));
            }
            vectors.values().removeIf(Map::isEmpty);
            return new LeRobotCheckpoint(name, directory, layout, config.policyType(), config.inputs(),
                    config.outputs(), new NormalizationStats(vectors), source.eps(), config.horizon(),
                    config.nActionSteps(), config.nObsSteps(), config.temporalEnsembleCoeff(), config.diffusion(),
                    config.flow());
        } catch (TensorFileException e) {
            throw new LeRobotImportException("checkpoint " + name + ": " + e.getMessage(), e);
        }
    }

    /** The features of one type among the inputs, in config order. */
    public List<PolicyFeature> inputsOfType(FeatureType type) {
        return inputFeatures.stream().filter(feature -> feature.type() == type).toList();
    }

    private static CheckpointLayout layoutOf(Path directory, String name) {
        if (Files.isRegularFile(directory.resolve(ProcessorStateFiles.PREPROCESSOR_FILE))) {
            return CheckpointLayout.PROCESSOR_PIPELINE;
        }
        if (Files.isRegularFile(directory.resolve(LegacyNormalizationBuffers.MODEL_FILE))) {
            return CheckpointLayout.LEGACY_BUFFERS;
        }
        throw new LeRobotImportException("checkpoint " + name + ": " + directory + " has config.json but neither "
                + ProcessorStateFiles.PREPROCESSOR_FILE + " (LeRobot 0.4+) nor " + LegacyNormalizationBuffers.MODEL_FILE
                + " (LeRobot 0.3 and earlier), so its layout is unknown; pass the complete pretrained_model folder");
    }

    private static Map<String, float[]> requiredStats(PolicyFeature feature, FeatureRole role, StatsSource source,
                                                      PolicyConfig config, String name) {
        Map<String, float[]> named = new LinkedHashMap<>();
        NormalizationMode mode = feature.normalization();
        for (String stat : mode.requiredStats()) {
            String key = source.keyOf(feature, role, stat);
            String need = "(needed by " + mode + " for " + feature.type() + ")";
            float[] vector = source.find(feature, role, stat);
            if (vector == null) {
                throw new LeRobotImportException("checkpoint " + name + ": " + source.lacks(role) + " '" + key + "' "
                        + need + "; re-save the checkpoint with dataset stats or "
                        + config.identityHint(feature, role));
            }
            if (vector.length != feature.statsWidth()) {
                throw new LeRobotImportException("checkpoint " + name + ": '" + key + "' has " + vector.length
                        + " values but " + feature.name() + " of shape " + feature.shape() + " needs "
                        + feature.statsWidth() + " " + need + "; the stats belong to another dataset, re-save the"
                        + " checkpoint with this policy's dataset stats");
            }
            for (float value : vector) {
                if (!Float.isFinite(value)) {
                    throw new LeRobotImportException("checkpoint " + name + ": '" + key + "' holds "
                            + Arrays.toString(vector) + ", not all finite " + need + "; LeRobot leaves infinities"
                            + " when a policy is saved without dataset stats, re-save it with them or "
                            + config.identityHint(feature, role));
                }
            }
            named.put(stat, vector);
        }
        return named;
    }
}
