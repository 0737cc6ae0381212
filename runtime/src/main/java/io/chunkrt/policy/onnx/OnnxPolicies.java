package io.chunkrt.policy.onnx;

import io.chunkrt.card.PolicyCard;
import io.chunkrt.policy.Policy;
import io.chunkrt.policy.sampling.GaussianNoise;
import io.chunkrt.policy.sampling.NoiseSource;

/** Opens the ONNX Runtime policy a card describes. */
public final class OnnxPolicies {
    private OnnxPolicies() {}

    /** Options: intra-op threads for one run (0 = ONNX Runtime's choice), noise for diffusion and flow. */
    public record Options(int intraOpThreads, NoiseSource noise, StepTimer timer) {
        public static Options defaults() {
            return new Options(1, new GaussianNoise(System.nanoTime()), StepTimer.NONE);
        }

        public Options withNoise(NoiseSource source) {
            return new Options(intraOpThreads, source, timer);
        }

        public Options withTimer(StepTimer stepTimer) {
            return new Options(intraOpThreads, noise, stepTimer);
        }

        public Options withThreads(int threads) {
            return new Options(threads, noise, timer);
        }
    }

    public static Policy open(PolicyCard card, Options options) {
        return switch (card.kind()) {
            case CHUNK -> new OnnxChunkPolicy(card, options.intraOpThreads());
            case DIFFUSION, FLOW -> new OnnxDenoisingPolicy(card, options.intraOpThreads(), options.noise(), options.timer());
        };
    }
}
