package io.chunkrt.lerobot;

import com.fasterxml.jackson.databind.JsonNode;
import io.chunkrt.tensorfile.SafetensorsReader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stats of a LeRobot 0.4-or-later checkpoint. policy_preprocessor.json lists the pipeline steps; its
 * {@code normalizer_processor} step names a {@code state_file} (a safetensors file next to it) whose keys are
 * {@code <feature>.<stat>}. policy_postprocessor.json does the same for {@code unnormalizer_processor}, whose
 * stats unnormalize the outputs. Feature names contain dots, so a key splits at its last dot.
 *
 * @param normalizer the normalizer's state file, or {@code null} when the preprocessor saved none
 * @param unnormalizer the unnormalizer's state file, or {@code null} when there is none
 * @param eps the normalizer step's epsilon
 */
record ProcessorStateFiles(SafetensorsReader normalizer, SafetensorsReader unnormalizer, double eps)
        implements StatsSource {
    static final String PREPROCESSOR_FILE = "policy_preprocessor.json";
    static final String POSTPROCESSOR_FILE = "policy_postprocessor.json";
    private static final String NORMALIZER_STEP = "normalizer_processor";
    private static final String UNNORMALIZER_STEP = "unnormalizer_processor";
    private static final double LEROBOT_EPS = 1e-8;

    static ProcessorStateFiles open(Path directory, String checkpoint) {
        JsonNode normalizerStep = findStep(directory.resolve(PREPROCESSOR_FILE), NORMALIZER_STEP, checkpoint);
        Path postprocessor = directory.resolve(POSTPROCESSOR_FILE);
        JsonNode unnormalizerStep = Files.isRegularFile(postprocessor)
                ? findStep(postprocessor, UNNORMALIZER_STEP, checkpoint) : null;
        JsonNode epsNode = normalizerStep == null ? null : normalizerStep.path("config").get("eps");
        double eps = epsNode != null && epsNode.isNumber() ? epsNode.doubleValue() : LEROBOT_EPS;
        return new ProcessorStateFiles(stateFile(directory, normalizerStep, PREPROCESSOR_FILE, checkpoint),
                stateFile(directory, unnormalizerStep, POSTPROCESSOR_FILE, checkpoint), eps);
    }

    @Override
    public float[] find(PolicyFeature feature, FeatureRole role, String stat) {
        String key = keyOf(feature, role, stat);
        if (role == FeatureRole.OUTPUT && unnormalizer != null && unnormalizer.contains(key)) {
            return unnormalizer.floats(key);
        }
        return normalizer != null && normalizer.contains(key) ? normalizer.floats(key) : null;
    }

    @Override
    public String keyOf(PolicyFeature feature, FeatureRole role, String stat) {
        return feature.name() + "." + stat;
    }

    @Override
    public String lacks(FeatureRole role) {
        if (role == FeatureRole.OUTPUT && unnormalizer != null) {
            return "unnormalizer stats lack";
        }
        return normalizer != null ? "normalizer stats lack"
                : PREPROCESSOR_FILE + " saves no " + NORMALIZER_STEP + " state_file, so the checkpoint lacks";
    }

    private static JsonNode findStep(Path pipelineFile, String registryName, String checkpoint) {
        JsonNode steps = CheckpointJsonFile.readObject(pipelineFile, checkpoint).get("steps");
        if (steps == null || !steps.isArray()) {
            throw new LeRobotImportException("checkpoint " + checkpoint + ": " + pipelineFile.getFileName()
                    + " has no 'steps' list; it is not a LeRobot processor pipeline");
        }
        for (JsonNode step : steps) {
            if (registryName.equals(step.path("registry_name").asText())) {
                return step;
            }
        }
        return null;
    }

    private static SafetensorsReader stateFile(Path directory, JsonNode step, String pipelineFile,
                                               String checkpoint) {
        JsonNode name = step == null ? null : step.get("state_file");
        if (name == null || !name.isTextual()) {
            return null;
        }
        Path file = directory.resolve(name.textValue());
        if (!Files.isRegularFile(file)) {
            throw new LeRobotImportException("checkpoint " + checkpoint + ": " + pipelineFile + " names state_file '"
                    + name.textValue() + "' but " + file + " does not exist; copy the whole checkpoint folder");
        }
        return SafetensorsReader.open(file);
    }
}
