package io.chunkrt.lerobot;

import io.chunkrt.normalize.NormalizationMode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads a LeRobot config.json: the current form ({@code type}, {@code input_features}, {@code output_features},
 * {@code normalization_mapping} by feature type) and LeRobot 0.1's form ({@code input_shapes},
 * {@code output_shapes}, {@code input_normalization_modes}, {@code output_normalization_modes} by feature, no type).
 */
final class PolicyConfigReader {
    static final String CONFIG_FILE = "config.json";
    private static final Set<String> FLOW_TYPES = Set.of("pi0", "pi05", "smolvla");
    private static final Set<String> CHUNK_SIZE_TYPES = Set.of("act", "pi0", "pi05", "smolvla");

    private final JsonNode root;
    private final String checkpoint;

    private PolicyConfigReader(JsonNode root, String checkpoint) {
        this.root = root;
        this.checkpoint = checkpoint;
    }

    static PolicyConfig read(Path configFile, String checkpoint) {
        return new PolicyConfigReader(CheckpointJsonFile.readObject(configFile, checkpoint), checkpoint).config();
    }

    private PolicyConfig config() {
        boolean perFeatureModes = !root.has("input_features") && root.has("input_shapes");
        String type = policyType();
        List<PolicyFeature> inputs = perFeatureModes
                ? featuresByShape("input_shapes", "input_normalization_modes", false)
                : featuresByType("input_features");
        List<PolicyFeature> outputs = perFeatureModes
                ? featuresByShape("output_shapes", "output_normalization_modes", true)
                : featuresByType("output_features");
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw error("declares " + inputs.size() + " input and " + outputs.size()
                    + " output features; a policy needs at least one of each");
        }
        int horizon = horizon(type);
        int nActionSteps = optionalInt("n_action_steps", horizon);
        if (nActionSteps < 1 || nActionSteps > horizon) {
            throw error("has n_action_steps " + nActionSteps + " outside 1.." + horizon + " (the chunk length)");
        }
        int nObsSteps = optionalInt("n_obs_steps", 1);
        if (nObsSteps < 1) {
            throw error("has n_obs_steps " + nObsSteps + "; expected >= 1");
        }
        return new PolicyConfig(type, inputs, outputs, perFeatureModes, horizon, nActionSteps, nObsSteps,
                temporalEnsembleCoeff(), type.equals("diffusion") ? Optional.of(diffusion()) : Optional.empty(),
                FLOW_TYPES.contains(type) ? Optional.of(new FlowSchedule(positiveInt("num_steps", type)))
                        : Optional.empty());
    }

    private String policyType() {
        JsonNode type = root.get("type");
        if (type != null && type.isTextual()) {
            return type.textValue();
        }
        // LeRobot 0.1 configs carry no type; each policy has fields no other has.
        if (root.has("temporal_ensemble_coeff") || root.has("use_vae")) {
            return "act";
        }
        if (root.has("noise_scheduler_type")) {
            return "diffusion";
        }
        if (root.has("vqvae_n_embed")) {
            return "vqbet";
        }
        if (root.has("use_mpc")) {
            return "tdmpc";
        }
        throw error("has no 'type' and none of the fields that identify act, diffusion, vqbet or tdmpc;"
                + " add \"type\": \"<policy>\" to it");
    }

    private List<PolicyFeature> featuresByType(String field) {
        Map<String, NormalizationMode> modeByType = modeByType();
        List<PolicyFeature> features = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : object(field).properties()) {
            String where = field + "." + entry.getKey();
            FeatureType type = enumValue(FeatureType.class, entry.getValue().path("type"), where + ".type");
            List<Integer> shape = shape(entry.getValue().get("shape"), where + ".shape");
            NormalizationMode mode = modeByType.getOrDefault(type.name(), NormalizationMode.IDENTITY);
            features.add(feature(entry.getKey(), type, shape, mode));
        }
        return features;
    }

    private Map<String, NormalizationMode> modeByType() {
        JsonNode mapping = root.get("normalization_mapping");
        if (mapping == null || mapping.isNull()) {
            return Map.of();
        }
        if (!mapping.isObject()) {
            throw error("has normalization_mapping " + mapping + "; expected an object such as"
                    + " {\"STATE\": \"MEAN_STD\"}");
        }
        Map<String, NormalizationMode> modes = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : mapping.properties()) {
            enumValue(FeatureType.class, new TextNode(entry.getKey()),
                    "normalization_mapping key");
            modes.put(entry.getKey(), enumValue(NormalizationMode.class, entry.getValue(),
                    "normalization_mapping." + entry.getKey()));
        }
        return modes;
    }

    private List<PolicyFeature> featuresByShape(String shapesField, String modesField, boolean outputs) {
        JsonNode modes = root.get(modesField);
        List<PolicyFeature> features = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : object(shapesField).properties()) {
            String name = entry.getKey();
            List<Integer> shape = shape(entry.getValue(), shapesField + "." + name);
            JsonNode modeNode = modes == null || !modes.isObject() ? null : modes.get(name);
            NormalizationMode mode = modeNode == null || modeNode.isNull() ? NormalizationMode.IDENTITY
                    : enumValue(NormalizationMode.class, new TextNode(
                            modeNode.asText().toUpperCase(Locale.ROOT)), modesField + "." + name);
            features.add(feature(name, outputs ? FeatureType.ACTION : inputTypeByName(name), shape, mode));
        }
        return features;
    }

    private static FeatureType inputTypeByName(String name) {
        if (name.startsWith("observation.image")) {
            return FeatureType.VISUAL;
        }
        return name.equals("observation.environment_state") ? FeatureType.ENV : FeatureType.STATE;
    }

    private PolicyFeature feature(String name, FeatureType type, List<Integer> shape, NormalizationMode mode) {
        try {
            return new PolicyFeature(name, type, shape, mode);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private int horizon(String type) {
        return switch (type) {
            case "diffusion" -> positiveInt("horizon", type);
            case "vqbet" -> positiveInt("action_chunk_size", type);
            default -> CHUNK_SIZE_TYPES.contains(type) || root.has("chunk_size") ? positiveInt("chunk_size", type) : 1;
        };
    }

    private OptionalDouble temporalEnsembleCoeff() {
        JsonNode coeff = root.get("temporal_ensemble_coeff");
        if (coeff == null || coeff.isNull()) {
            return OptionalDouble.empty();
        }
        if (!coeff.isNumber()) {
            throw error("has temporal_ensemble_coeff " + coeff + "; expected a number or null");
        }
        return OptionalDouble.of(coeff.doubleValue());
    }

    private DiffusionSchedule diffusion() {
        int numTrainTimesteps = positiveInt("num_train_timesteps", "diffusion");
        JsonNode inference = root.get("num_inference_steps");
        // LeRobot runs all training timesteps when num_inference_steps is null.
        int numInferenceSteps = inference == null || inference.isNull() ? numTrainTimesteps
                : positiveInt("num_inference_steps", "diffusion");
        try {
            return new DiffusionSchedule(text("noise_scheduler_type"), numTrainTimesteps, numInferenceSteps,
                    text("beta_schedule"), number("beta_start"), number("beta_end"), text("prediction_type"),
                    bool("clip_sample"), number("clip_sample_range"));
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private JsonNode object(String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isObject()) {
            throw error("has " + (node == null ? "no '" + field + "'" : "'" + field + "' " + node)
                    + "; expected an object of features");
        }
        return node;
    }

    private List<Integer> shape(JsonNode node, String where) {
        if (node == null || !node.isArray()) {
            throw error("has " + where + " " + node + "; expected a list of dimensions such as [14]");
        }
        List<Integer> shape = new ArrayList<>();
        for (JsonNode dim : node) {
            if (!dim.canConvertToExactIntegral() || !dim.canConvertToInt()) {
                throw error("has " + where + " " + node + "; expected a list of integers");
            }
            shape.add(dim.intValue());
        }
        return shape;
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String where) {
        List<E> valid = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            // imagenet is ChunkRT's shortcut for fixed image stats, not one of LeRobot's modes
            if (constant != NormalizationMode.IMAGENET) {
                valid.add(constant);
            }
        }
        for (E constant : valid) {
            if (node.isTextual() && constant.name().equals(node.textValue())) {
                return constant;
            }
        }
        throw error("has " + where + " " + node + "; expected one of " + valid);
    }

    private int optionalInt(String field, int fallback) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? fallback : integer(field, node);
    }

    private int positiveInt(String field, String policyType) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw error("lacks '" + field + "', which a " + policyType + " policy needs; re-save the config with"
                    + " LeRobot or add it");
        }
        int value = integer(field, node);
        if (value < 1) {
            throw error("has " + field + " " + value + "; expected >= 1");
        }
        return value;
    }

    private int integer(String field, JsonNode node) {
        if (!node.canConvertToExactIntegral() || !node.canConvertToInt()) {
            throw error("has " + field + " " + node + "; expected an integer");
        }
        return node.intValue();
    }

    private double number(String field) {
        JsonNode node = required(field);
        if (!node.isNumber()) {
            throw error("has " + field + " " + node + "; expected a number");
        }
        return node.doubleValue();
    }

    private String text(String field) {
        JsonNode node = required(field);
        if (!node.isTextual()) {
            throw error("has " + field + " " + node + "; expected a string");
        }
        return node.textValue();
    }

    private boolean bool(String field) {
        JsonNode node = required(field);
        if (!node.isBoolean()) {
            throw error("has " + field + " " + node + "; expected true or false");
        }
        return node.booleanValue();
    }

    private JsonNode required(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw error("lacks '" + field + "', which a diffusion policy needs; re-save the config with LeRobot"
                    + " or add it");
        }
        return node;
    }

    private LeRobotImportException error(String problem) {
        return new LeRobotImportException("checkpoint " + checkpoint + ": " + CONFIG_FILE + " " + problem);
    }
}
