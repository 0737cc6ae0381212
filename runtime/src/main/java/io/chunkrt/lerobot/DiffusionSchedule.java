package io.chunkrt.lerobot;

import java.util.Set;

/**
 * The noise-scheduler fields of a LeRobot diffusion policy config, with the meaning of diffusers'
 * {@code DDPMScheduler}/{@code DDIMScheduler} arguments of the same names.
 *
 * @param noiseSchedulerType {@code DDPM} or {@code DDIM}
 * @param numTrainTimesteps length of the forward diffusion schedule
 * @param numInferenceSteps denoising steps at inference; LeRobot uses numTrainTimesteps when the config has null
 * @param betaSchedule e.g. {@code squaredcos_cap_v2}
 * @param betaStart first beta
 * @param betaEnd last beta
 * @param predictionType {@code epsilon} or {@code sample}
 * @param clipSample whether the predicted original sample is clipped
 * @param clipSampleRange the clipping bound
 */
public record DiffusionSchedule(String noiseSchedulerType, int numTrainTimesteps, int numInferenceSteps,
                                String betaSchedule, double betaStart, double betaEnd, String predictionType,
                                boolean clipSample, double clipSampleRange) {

    private static final Set<String> SCHEDULERS = Set.of("DDPM", "DDIM");
    private static final Set<String> PREDICTION_TYPES = Set.of("epsilon", "sample");

    public DiffusionSchedule {
        if (!SCHEDULERS.contains(noiseSchedulerType)) {
            throw new IllegalArgumentException("noise_scheduler_type is '" + noiseSchedulerType
                    + "'; expected DDPM or DDIM");
        }
        if (numTrainTimesteps < 1 || numInferenceSteps < 1 || numInferenceSteps > numTrainTimesteps) {
            throw new IllegalArgumentException("num_inference_steps " + numInferenceSteps + " and num_train_timesteps "
                    + numTrainTimesteps + " must satisfy 1 <= num_inference_steps <= num_train_timesteps");
        }
        if (betaSchedule == null || betaSchedule.isBlank()) {
            throw new IllegalArgumentException("beta_schedule is empty; expected e.g. squaredcos_cap_v2");
        }
        if (!(betaStart > 0 && betaStart <= betaEnd && betaEnd < 1)) {
            throw new IllegalArgumentException("beta_start " + betaStart + " and beta_end " + betaEnd
                    + " must satisfy 0 < beta_start <= beta_end < 1");
        }
        if (!PREDICTION_TYPES.contains(predictionType)) {
            throw new IllegalArgumentException("prediction_type is '" + predictionType
                    + "'; expected epsilon or sample");
        }
        if (!(clipSampleRange > 0)) {
            throw new IllegalArgumentException("clip_sample_range is " + clipSampleRange + "; expected > 0");
        }
    }
}
