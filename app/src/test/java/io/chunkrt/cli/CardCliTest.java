package io.chunkrt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.tensorfile.NpyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The card paths of the command line on the models/ policies. */
class CardCliTest {
    @TempDir
    Path out;

    @Test
    void inspectValidatesACard() {
        CliRun run = CliRun.of("inspect", RepoPaths.models().resolve("act_like/card.yaml").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("validation: OK"), run.out());
        assertTrue(run.out().contains("observation.images.top"), run.out());
    }

    @Test
    void inferRunsTheWholeDiffusionLoopWithInjectedNoise() {
        Path unet = RepoPaths.models().resolve("unet_denoiser");
        CliRun run = CliRun.of("infer", "--model", unet.resolve("card_ddim10.yaml").toString(),
                "--input", "observation.state=" + unet.resolve("reference/input.observation.state.npy"),
                "--noise", unet.resolve("reference/card_ddim10.noise.npy").toString(), "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        float[] actual = NpyReader.read(out.resolve("model_output.npy")).toFloatArray();
        float[] expected = NpyReader.read(unet.resolve("reference/card_ddim10.action.npy")).toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(actual[i] - expected[i]) <= 1e-4, "element " + i);
        }
    }

    @Test
    void importLeRobotGivesTheSameCardFromBothLayouts() throws Exception {
        Path fixtures = RepoPaths.models().resolve("lerobot_fixtures");
        Path onnx = RepoPaths.models().resolve("act_like/act_like.onnx");
        String joints = String.join(",", "left_waist", "left_shoulder", "left_elbow", "left_forearm_roll", "left_wrist_angle", "left_wrist_rotate",
                "left_gripper", "right_waist", "right_shoulder", "right_elbow", "right_forearm_roll", "right_wrist_angle", "right_wrist_rotate", "right_gripper");
        Path v04 = out.resolve("v04.yaml");
        Path legacy = out.resolve("legacy.yaml");
        CliRun a = CliRun.of("import-lerobot", fixtures.resolve("act_v04").toString(), "--onnx", onnx.toString(), "--out", v04.toString(),
                "--joints", joints, "--name", "act");
        CliRun b = CliRun.of("import-lerobot", fixtures.resolve("act_legacy").toString(), "--onnx", onnx.toString(), "--out", legacy.toString(),
                "--joints", joints, "--name", "act");
        assertEquals(0, a.status(), a.err());
        assertEquals(0, b.status(), b.err());
        assertEquals(Files.readString(v04), Files.readString(legacy));
        // and the imported card runs the model like the hand-made one
        CliRun check = CliRun.of("inspect", v04.toString());
        assertEquals(0, check.status(), check.err());
    }

    @Test
    void importLeRobotWithoutConfigIsOneLine() {
        CliRun run = CliRun.of("import-lerobot", out.toString(), "--onnx", RepoPaths.models().resolve("act_like/act_like.onnx").toString(),
                "--out", out.resolve("c.yaml").toString());
        assertEquals(2, run.status());
        assertEquals(1, run.errLine().lines().count(), run.err());
    }
}
