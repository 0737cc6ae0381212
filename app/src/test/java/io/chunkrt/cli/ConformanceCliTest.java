package io.chunkrt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chunkrt.tensorfile.NpyArray;
import io.chunkrt.tensorfile.NpyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line on the real third-party models in ../shared/testdata (skipped when it is absent). */
class ConformanceCliTest {
    @TempDir
    Path out;

    private static Path testdata() {
        Path dir = RepoPaths.sharedTestdata();
        assumeTrue(Files.isDirectory(dir), "shared testdata absent; conformance skipped");
        return dir;
    }

    @ParameterizedTest
    @ValueSource(strings = {"unitree_rl_lab_g1_velocity", "contact_rich_ur_sweep", "lopatoj_onnxruntime_controller", "g1_upperbody_ros2"})
    void inferWritesActionsEqualToTheGolden(String model) {
        Path td = testdata();
        Path onnx = model.equals("g1_upperbody_ros2") ? td.resolve("onnx/g1_upperbody_ros2/head/policy.onnx") : td.resolve("onnx/" + model + "/policy.onnx");
        Path golden = td.resolve("golden/onnx_io");
        CliRun run = CliRun.of("infer", "--model", onnx.toString(), "--input", "obs=" + golden.resolve(model + "__randn_seed0__in__obs.npy"),
                "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        NpyArray actual = NpyReader.read(out.resolve("actions.npy"));
        NpyArray expected = NpyReader.read(golden.resolve(model + "__randn_seed0__out__actions.npy"));
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()));
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(a[i] - e[i]) <= 1e-5 * Math.max(1, Math.abs(e[i])), model + " element " + i + ": " + a[i] + " vs " + e[i]);
        }
    }

    @Test
    void inspectShowsG1UpperbodyMetadataProps() {
        CliRun run = CliRun.of("inspect", testdata().resolve("onnx/g1_upperbody_ros2/head/policy.onnx").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("metadata_props"), run.out());
        for (String key : new String[] {"joint_names = ", "default_joint_pos = ", "action_scale = "}) {
            assertTrue(run.out().contains(key), key + " missing from:\n" + run.out());
        }
        assertTrue(run.out().contains("obs "), run.out());
    }

    @Test
    void inspectListsTheExternalDataFile() {
        CliRun run = CliRun.of("inspect", testdata().resolve("onnx/lopatoj_onnxruntime_controller/policy.onnx").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("external data: policy.onnx.data ("), run.out());
    }
}
