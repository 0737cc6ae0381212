package io.chunkrt.lerobot;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What config.json says about a policy, before its stats are read.
 *
 * @param policyType LeRobot's policy type, e.g. {@code act}
 * @param inputs input features in config order
 * @param outputs output features in config order
 * @param perFeatureModes whether the config names modes per feature (LeRobot 0.1 {@code *_normalization_modes})
 *                        rather than per feature type ({@code normalization_mapping})
 * @param horizon actions per chunk
 * @param nActionSteps actions executed per chunk
 * @param nObsSteps observation steps stacked per inference
 * @param temporalEnsembleCoeff ACT's temporal ensembling coefficient, when set
 * @param diffusion scheduler fields of a diffusion policy
 * @param flow flow-matching fields of pi0/pi05/SmolVLA
 */
record PolicyConfig(String policyType, List<PolicyFeature> inputs, List<PolicyFeature> outputs,
                    boolean perFeatureModes, int horizon, int nActionSteps, int nObsSteps,
                    OptionalDouble temporalEnsembleCoeff, Optional<DiffusionSchedule> diffusion,
                    Optional<FlowSchedule> flow) {

    PolicyConfig {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** How to switch off a feature's normalization in this config's own terms, for error messages. */
    String identityHint(PolicyFeature feature, FeatureRole role) {
        if (perFeatureModes) {
            String modes = role == FeatureRole.INPUT ? "input_normalization_modes" : "output_normalization_modes";
            return "remove '" + feature.name() + "' from " + modes;
        }
        return "set normalization_mapping." + feature.type() + " to IDENTITY";
    }
}
