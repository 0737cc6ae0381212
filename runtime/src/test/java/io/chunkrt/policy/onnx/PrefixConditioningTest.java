package io.chunkrt.policy.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.policy.ActionChunk;
import io.chunkrt.policy.Policy;
import io.chunkrt.policy.sampling.RecordedNoise;
import io.chunkrt.testing.ReferenceFiles;
import org.junit.jupiter.api.Test;

/**
 * Prefix conditioning of a flow policy: the chunk starts exactly with the planned actions it was given, and the
 * network sees them while it integrates the rest (compared with an unconditioned run from the same noise).
 */
class PrefixConditioningTest {
    private static final int PREFIX = 5;

    @Test
    void conditionedChunkStartsWithThePlannedActionsAndTheNetworkSeesThem() {
        ReferenceFiles ref = new ReferenceFiles("flow_velocity");
        float[] noise = ref.floats("euler_noise_at_one.noise.npy");
        ActionChunk free;
        ActionChunk conditioned;
        float[] planned;
        try (Policy policy = OnnxPolicies.open(ref.card("card"), OnnxPolicies.Options.defaults().withNoise(new RecordedNoise(noise)))) {
            ref.fillInputs(policy.observation());
            free = policy.newChunk();
            policy.infer(free);
        }
        int dim = free.actionDim();
        // plan: the unconditioned chunk's first rows shifted by a constant offset, as if the arm executed another plan
        planned = new float[PREFIX * dim];
        for (int i = 0; i < planned.length; i++) {
            planned[i] = free.values()[i] + 0.3f;
        }
        try (Policy policy = OnnxPolicies.open(ref.card("card"), OnnxPolicies.Options.defaults().withNoise(new RecordedNoise(noise)))) {
            ref.fillInputs(policy.observation());
            assertTrue(policy.conditionOnPrefix(planned, PREFIX));
            conditioned = policy.newChunk();
            policy.infer(conditioned);
        }
        for (int i = 0; i < PREFIX * dim; i++) {
            assertEquals(planned[i], conditioned.values()[i], 1e-5, "prefix value " + i);
        }
        // the network saw the inpainted rows: the rest of the chunk changed (with a trained policy it follows the
        // plan; these test weights are random, so only the influence itself is checked)
        double changed = 0;
        for (int i = PREFIX * dim; i < free.values().length; i++) {
            changed = Math.max(changed, Math.abs(conditioned.values()[i] - free.values()[i]));
        }
        assertTrue(changed > 1e-4, "the rows after the prefix did not change: " + changed);
    }

    @Test
    void chunkPoliciesDoNotClaimPrefixConditioning() {
        ReferenceFiles ref = new ReferenceFiles("mlp_actor");
        try (Policy policy = OnnxPolicies.open(ref.card("card"), OnnxPolicies.Options.defaults())) {
            assertFalse(policy.conditionOnPrefix(new float[6], 1));
        }
    }
}
