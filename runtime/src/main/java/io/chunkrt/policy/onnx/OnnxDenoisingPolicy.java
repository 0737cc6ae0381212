package io.chunkrt.policy.onnx;

import ai.onnxruntime.OrtException;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.policy.ActionChunk;
import io.chunkrt.policy.ElementType;
import io.chunkrt.policy.ObservationTensors;
import io.chunkrt.policy.Policy;
import io.chunkrt.policy.PolicyException;
import io.chunkrt.policy.TensorSignature;
import io.chunkrt.policy.sampling.DenoisingSampler;
import io.chunkrt.policy.sampling.NoiseSource;
import io.chunkrt.policy.sampling.SamplerFactory;
import io.chunkrt.policy.sampling.TimeConvention;

/**
 * A diffusion denoiser or flow velocity network run in its sampling loop. The observation is normalized once;
 * each step refills the sample and time tensors, runs the network and lets the sampler update the sample.
 */
public final class OnnxDenoisingPolicy implements Policy {
    private final BoundSession bound;
    private final DenoisingSampler sampler;
    private final NoiseSource noise;
    private final PinnedTensor sampleTensor;
    private final PinnedTensor timeTensor;
    private final float[] sample;
    private final float[] networkOutput;
    private final StepTimer timer;
    /** Flow prefix conditioning: the planned actions, normalized, and the initial noise of those rows. */
    private final float[] prefix;
    private final float[] prefixNoise;
    private int prefixValues;

    OnnxDenoisingPolicy(PolicyCard card, int intraOpThreads, NoiseSource noise, StepTimer timer) {
        this.bound = new BoundSession(card, intraOpThreads);
        this.noise = noise;
        this.timer = timer;
        int size = card.output().elementCount();
        String sampleName = card.diffusion() != null ? card.diffusion().sampleInput() : card.flow().sampleInput();
        String timeName = card.diffusion() != null ? card.diffusion().timestepInput() : card.flow().timeInput();
        this.sampler = card.diffusion() != null ? SamplerFactory.diffusion(card.diffusion(), size) : SamplerFactory.flow(card.flow());
        try {
            sampleTensor = PinnedTensor.floats(new long[] {1, card.output().horizon(), card.output().actionDim()});
            TensorSignature time = OnnxSessions.inputs(bound.session).get(timeName);
            long[] timeShape = time.rank() == 0 ? new long[0] : new long[] {1};
            timeTensor = switch (time.type()) {
                case INT64 -> PinnedTensor.longs(timeShape);
                case INT32 -> PinnedTensor.ints(timeShape);
                default -> PinnedTensor.floats(timeShape);
            };
            assert time.type() != ElementType.OTHER;
        } catch (OrtException e) {
            bound.close();
            throw new PolicyException("cannot allocate the sample tensors: " + e.getMessage(), e);
        }
        bound.bind(sampleName, sampleTensor);
        bound.bind(timeName, timeTensor);
        this.sample = new float[size];
        this.networkOutput = new float[size];
        this.prefix = new float[size];
        this.prefixNoise = new float[size];
    }

    public DenoisingSampler sampler() {
        return sampler;
    }

    // the benchmarks split a step into network and runtime work through these
    BoundSession boundSession() {
        return bound;
    }

    PinnedTensor sampleTensor() {
        return sampleTensor;
    }

    PinnedTensor timeTensor() {
        return timeTensor;
    }

    @Override
    public PolicyCard card() {
        return bound.card;
    }

    @Override
    public ObservationTensors observation() {
        return bound.observation;
    }

    /**
     * Real-time-chunking style inpainting without guidance: at every Euler step the first rows of the sample
     * are replaced by the planned actions noised to the current time, x_t = s * eps + (1 - s) * a with s the
     * noise level, so the new chunk starts consistent with what is executing.
     */
    @Override
    public boolean conditionOnPrefix(float[] plannedActions, int steps) {
        if (bound.card.flow() == null) {
            return false;
        }
        int dim = bound.card.output().actionDim();
        int rows = Math.max(0, Math.min(steps, bound.card.output().horizon()));
        prefixValues = rows * dim;
        bound.outputNormalizer.normalize(plannedActions, prefix, prefixValues);
        return true;
    }

    @Override
    public void infer(ActionChunk out) {
        noise.fill(sample);
        System.arraycopy(sample, 0, prefixNoise, 0, prefixValues);
        boolean noiseAtOne = bound.card.flow() != null && bound.card.flow().timeConvention() == TimeConvention.NOISE_AT_ONE;
        for (int step = 0; step < sampler.numSteps(); step++) {
            if (prefixValues > 0) {
                double t = sampler.timeInput(step);
                float level = (float) (noiseAtOne ? t : 1 - t);
                for (int i = 0; i < prefixValues; i++) {
                    sample[i] = level * prefixNoise[i] + (1 - level) * prefix[i];
                }
            }
            sampleTensor.floats.put(0, sample);
            timeTensor.setScalar(sampler.timeInput(step));
            timer.networkStarted();
            bound.run();
            timer.networkFinished();
            bound.output.floats.get(0, networkOutput);
            sampler.step(step, networkOutput, sample, noise);
        }
        System.arraycopy(prefix, 0, sample, 0, prefixValues);
        bound.outputNormalizer.unnormalize(sample, out.values());
        out.observationStampNs(bound.observation.stampNs());
    }

    @Override
    public void close() {
        sampleTensor.close();
        timeTensor.close();
        bound.close();
    }
}
