package io.chunkrt.lerobot;

import io.chunkrt.tensorfile.SafetensorsReader;

/**
 * Stats of a LeRobot 0.3-or-earlier checkpoint: buffers of the policy's {@code Normalize}/{@code Unnormalize}
 * modules saved in model.safetensors next to the weights. A buffer is named after its feature with every '.'
 * replaced by '_', e.g. {@code normalize_inputs.buffer_observation_images_top.mean}; the action's stats for
 * unnormalizing outputs live under {@code unnormalize_outputs}. Weight tensors are never read.
 */
record LegacyNormalizationBuffers(SafetensorsReader model) implements StatsSource {
    static final String MODEL_FILE = "model.safetensors";
    // Those buffers hard-coded this epsilon.
    private static final double LEGACY_EPS = 1e-8;

    @Override
    public float[] find(PolicyFeature feature, FeatureRole role, String stat) {
        String key = keyOf(feature, role, stat);
        return model.contains(key) ? model.floats(key) : null;
    }

    @Override
    public String keyOf(PolicyFeature feature, FeatureRole role, String stat) {
        String module = role == FeatureRole.INPUT ? "normalize_inputs" : "unnormalize_outputs";
        return module + ".buffer_" + feature.name().replace('.', '_') + "." + stat;
    }

    @Override
    public String lacks(FeatureRole role) {
        return MODEL_FILE + " lacks";
    }

    @Override
    public double eps() {
        return LEGACY_EPS;
    }
}
