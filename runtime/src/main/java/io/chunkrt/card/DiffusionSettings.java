package io.chunkrt.card;

import io.chunkrt.policy.sampling.BetaSchedule;
import io.chunkrt.policy.sampling.PredictionType;
import io.chunkrt.policy.sampling.SchedulerType;
import io.chunkrt.policy.sampling.TimestepSpacing;

/** A denoiser's sampling loop, with the meaning of diffusers' DDPMScheduler and DDIMScheduler fields. */
public record DiffusionSettings(
        String sampleInput,
        String timestepInput,
        SchedulerType scheduler,
        int numTrainTimesteps,
        int numInferenceSteps,
        BetaSchedule betaSchedule,
        double betaStart,
        double betaEnd,
        PredictionType predictionType,
        boolean clipSample,
        double clipSampleRange,
        boolean setAlphaToOne,
        int stepsOffset,
        TimestepSpacing timestepSpacing,
        double eta) {}
