package io.chunkrt.policy.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.chunkrt.card.PolicyCard;
import io.chunkrt.policy.ActionChunk;
import io.chunkrt.policy.Policy;
import io.chunkrt.policy.RawTensor;
import io.chunkrt.policy.sampling.DdimScheduler;
import io.chunkrt.policy.sampling.DdpmScheduler;
import io.chunkrt.policy.sampling.NoiseSchedule;
import io.chunkrt.policy.sampling.RecordedNoise;
import io.chunkrt.tensorfile.NpyReader;
import io.chunkrt.testing.FloatAsserts;
import io.chunkrt.testing.ReferenceFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Java single passes and complete DDPM, DDIM and Euler loops against the PyTorch references written by
 * models/export_models.py, within 1e-4.
 */
class ReferencePolicyTest {
    private static final double TOLERANCE = 1e-4;

    private static float[] runCard(ReferenceFiles ref, PolicyCard card, RecordedNoise noise) {
        var options = OnnxPolicies.Options.defaults().withNoise(noise == null ? out -> { throw new AssertionError("no noise expected"); } : noise);
        try (Policy policy = OnnxPolicies.open(card, options)) {
            ref.fillInputs(policy.observation());
            ActionChunk chunk = policy.newChunk();
            policy.infer(chunk);
            return chunk.values().clone();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"act_like", "mlp_actor"})
    void singlePassChunkPolicyMatchesTorchThroughItsCard(String model) {
        ReferenceFiles ref = new ReferenceFiles(model);
        float[] actual = runCard(ref, ref.card("card"), null);
        FloatAsserts.assertClose(ref.floats("action.npy"), actual, TOLERANCE, model + " action");
    }

    @ParameterizedTest
    @CsvSource({"act_like, action", "mlp_actor, action", "unet_denoiser, model_output", "flow_velocity, velocity"})
    void rawNetworkMatchesTorchForwardPass(String model, String output) {
        ReferenceFiles ref = new ReferenceFiles(model);
        PolicyCard card = ref.card("card");
        try (RawOnnxModel onnx = new RawOnnxModel(card.model().file(), 1)) {
            Map<String, RawTensor> given = new LinkedHashMap<>();
            for (String name : onnx.inputs().keySet()) {
                var a = NpyReader.read(ref.path("onnx_input." + name + ".npy"));
                if (a.dtype() == io.chunkrt.tensorfile.NpyDtype.INT64) {
                    long[] l = new long[(int) a.elementCount()];
                    ByteBuffer.wrap(a.littleEndianData()).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(l);
                    given.put(name, RawTensor.ofLongs(name, a.shape(), l));
                } else {
                    given.put(name, RawTensor.ofFloats(name, a.shape(), a.toFloatArray()));
                }
            }
            float[] actual = onnx.run(given).get(output).floats();
            FloatAsserts.assertClose(ref.floats("onnx_output." + output + ".npy"), actual, TOLERANCE, model + " " + output);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"card", "card_ddim10", "card_ddim100", "card_ddpm_linear", "card_ddim_scaled"})
    void diffusionSamplingLoopMatchesTorch(String variant) {
        ReferenceFiles ref = new ReferenceFiles("unet_denoiser");
        PolicyCard card = ref.card(variant);
        float[] actual = runCard(ref, card, new RecordedNoise(ref.floats(variant + ".noise.npy")));
        double worst = FloatAsserts.assertClose(ref.floats(variant + ".action.npy"), actual, TOLERANCE, variant + " action");
        System.out.printf("unet_denoiser %-18s max |java - torch| = %.2e%n", variant, worst);
    }

    @ParameterizedTest
    @ValueSource(strings = {"card", "card_ddim10", "card_ddim100", "card_ddpm_linear", "card_ddim_scaled"})
    void diffusionTimestepsAndAlphasMatchDiffusers(String variant) {
        ReferenceFiles ref = new ReferenceFiles("unet_denoiser");
        var d = ref.card(variant).diffusion();
        NoiseSchedule schedule = new NoiseSchedule(d.betaSchedule(), d.numTrainTimesteps(), d.betaStart(), d.betaEnd());
        float[] alphas = ref.floats(variant + ".alphas_cumprod.npy");
        float[] ours = new float[alphas.length];
        for (int t = 0; t < ours.length; t++) {
            ours[t] = (float) schedule.alphaCumprod(t);
        }
        FloatAsserts.assertClose(alphas, ours, 1e-6, variant + " alphas_cumprod");
        int[] timesteps = switch (d.scheduler()) {
            case DDPM -> new DdpmScheduler(schedule, d.numInferenceSteps(), d.timestepSpacing(), d.stepsOffset(), d.predictionType(),
                    d.clipSample(), d.clipSampleRange(), 1).timesteps();
            case DDIM -> new DdimScheduler(schedule, d.numInferenceSteps(), d.timestepSpacing(), d.stepsOffset(), d.predictionType(),
                    d.clipSample(), d.clipSampleRange(), d.setAlphaToOne(), d.eta(), 1).timesteps();
        };
        float[] expected = ref.floats(variant + ".timesteps.npy");
        float[] actual = new float[timesteps.length];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = timesteps[i];
        }
        assertArrayEquals(expected, actual, variant + " timesteps");
    }

    @ParameterizedTest
    @CsvSource({"card, euler_noise_at_one", "card_noise_at_zero, euler_noise_at_zero"})
    void flowEulerLoopMatchesTorchInBothTimeConventions(String cardName, String reference) {
        ReferenceFiles ref = new ReferenceFiles("flow_velocity");
        float[] actual = runCard(ref, ref.card(cardName), new RecordedNoise(ref.floats(reference + ".noise.npy")));
        double worst = FloatAsserts.assertClose(ref.floats(reference + ".action.npy"), actual, TOLERANCE, reference);
        System.out.printf("flow_velocity %-20s max |java - torch| = %.2e%n", reference, worst);
    }

    @Test
    void repeatedInferenceGivesTheSameChunk() {
        ReferenceFiles ref = new ReferenceFiles("act_like");
        try (Policy policy = OnnxPolicies.open(ref.card("card"), OnnxPolicies.Options.defaults())) {
            ref.fillInputs(policy.observation());
            ActionChunk first = policy.newChunk();
            ActionChunk second = policy.newChunk();
            policy.infer(first);
            policy.infer(second);
            assertArrayEquals(first.values(), second.values());
        }
    }
}
