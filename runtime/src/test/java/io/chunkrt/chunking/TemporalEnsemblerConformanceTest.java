package io.chunkrt.chunking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.policy.ActionChunk;
import io.chunkrt.tensorfile.NpyArray;
import io.chunkrt.tensorfile.NpyReader;
import io.chunkrt.testing.TestPaths;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LeRobot's own ACTTemporalEnsembler trace on its unit-test inputs (and the original ACT rule) within 1e-6. */
class TemporalEnsemblerConformanceTest {

    @ParameterizedTest
    @ValueSource(strings = {"caseA_lerobot_outputs_B3_T101_D1.npy", "caseA_act_original_outputs_B3_T101_D1.npy"})
    void reproducesTheGoldenTraceWithin1e6(String outputs) {
        Path dir = TestPaths.sharedTestdata().resolve("golden/temporal_ensembling");
        NpyArray in = NpyReader.read(dir.resolve("caseA_inputs_B3_T101_C100_D1.npy"));
        NpyArray out = NpyReader.read(dir.resolve(outputs));
        long[] s = in.shape();
        int batch = (int) s[0];
        int steps = (int) s[1];
        int horizon = (int) s[2];
        int dim = (int) s[3];
        float[] inputs = in.toFloatArray();
        float[] expected = out.toFloatArray();
        double worst = 0;
        for (int b = 0; b < batch; b++) {
            TemporalEnsembler ensembler = new TemporalEnsembler(horizon, dim, 0.01);
            ActionChunk chunk = new ActionChunk(horizon, dim);
            double[] action = new double[dim];
            for (int t = 0; t < steps; t++) {
                System.arraycopy(inputs, ((b * steps) + t) * horizon * dim, chunk.values(), 0, horizon * dim);
                ensembler.accept(chunk, t, t);
                assertTrue(ensembler.advance(t));
                ensembler.action(0, action);
                for (int j = 0; j < dim; j++) {
                    double e = expected[(b * steps + t) * dim + j];
                    worst = Math.max(worst, Math.abs(e - action[j]));
                    assertTrue(Math.abs(e - action[j]) <= 1e-6, "batch " + b + " step " + t + ": " + action[j] + " vs " + e);
                }
            }
        }
        System.out.printf("temporal ensembling vs %s: max |diff| = %.2e%n", outputs, worst);
        assertArrayEquals(new long[] {batch, steps, dim}, out.shape());
    }
}
