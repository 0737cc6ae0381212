package io.chunkrt.policy.sampling;

import io.chunkrt.card.DiffusionSettings;
import io.chunkrt.card.FlowSettings;

/** Builds the sampler a card's diffusion or flow section describes. */
public final class SamplerFactory {
    private SamplerFactory() {}

    public static DenoisingSampler diffusion(DiffusionSettings d, int sampleSize) {
        NoiseSchedule schedule = new NoiseSchedule(d.betaSchedule(), d.numTrainTimesteps(), d.betaStart(), d.betaEnd());
        return switch (d.scheduler()) {
            case DDPM -> new DdpmScheduler(schedule, d.numInferenceSteps(), d.timestepSpacing(), d.stepsOffset(),
                    d.predictionType(), d.clipSample(), d.clipSampleRange(), sampleSize);
            case DDIM -> new DdimScheduler(schedule, d.numInferenceSteps(), d.timestepSpacing(), d.stepsOffset(),
                    d.predictionType(), d.clipSample(), d.clipSampleRange(), d.setAlphaToOne(), d.eta(), sampleSize);
        };
    }

    public static DenoisingSampler flow(FlowSettings f) {
        return new EulerFlowSampler(f.numSteps(), f.timeConvention());
    }
}
