package io.chunkrt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input exits with status 2 and exactly one line that names the field, the value and the fix. */
class BadInputCliTest {
    @TempDir
    Path dir;

    private Path card;
    private String cardText;
    private Path input;

    @BeforeEach
    void copyMlpActor() throws IOException {
        Path src = RepoPaths.models().resolve("mlp_actor");
        Files.copy(src.resolve("mlp_actor.onnx"), dir.resolve("mlp_actor.onnx"));
        card = dir.resolve("card.yaml");
        cardText = Files.readString(src.resolve("card.yaml"));
        Files.writeString(card, cardText);
        input = src.resolve("reference/input.observation.state.npy");
    }

    private CliRun inferWith(String editedCard) throws IOException {
        Files.writeString(card, editedCard);
        return CliRun.of("infer", "--model", card.toString(), "--input", "observation.state=" + input, "--out", dir.resolve("out").toString());
    }

    private static void assertOneLineExit2(CliRun run, String expected) {
        assertEquals(2, run.status(), run.err());
        assertEquals(expected, run.errLine());
        assertFalse(run.err().contains("\tat "), "no stack trace");
    }

    @Test
    void theUneditedCardRuns() throws IOException {
        CliRun run = inferWith(cardText);
        assertEquals(0, run.status(), run.err());
        assertTrue(Files.exists(dir.resolve("out/action.npy")));
    }

    @Test
    void truncatedModelIsNamedWithWhereItEnds() throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve("mlp_actor.onnx"));
        Path truncated = dir.resolve("truncated.onnx");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRun run = CliRun.of("inspect", truncated.toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.errLine().startsWith("chunkrt: model file '"), run.err());
        assertTrue(run.errLine().contains("truncated.onnx' is truncated or not an ONNX model"), run.err());
        assertEquals(1, run.errLine().lines().count());
    }

    @Test
    void misspelledInputNameListsTheModelsInputs() throws IOException {
        CliRun run = inferWith(cardText.replace("  - name: observation.state", "  - name: observation.stat"));
        assertOneLineExit2(run, "chunkrt: card card.yaml: inputs[0].name 'observation.stat' is not an input of mlp_actor.onnx; "
                + "its inputs are [observation.state]; fix inputs[0].name in card.yaml");
    }

    @Test
    void shapeMismatchSaysWhichFieldToChange() throws IOException {
        CliRun run = inferWith(cardText.replace("history: 1", "history: 2"));
        assertOneLineExit2(run, "chunkrt: card card.yaml: inputs[0] 'observation.state' has shape [1,12] in mlp_actor.onnx but the card "
                + "gives [1,2,12] (12 joints, history 2); the model has no time axis: set inputs[0].history: 1");
    }

    @Test
    void hashMismatchRefusesToStart() throws IOException {
        String wrong = "ab".repeat(32);
        String actual = cardText.lines().filter(l -> l.contains("sha256:")).findFirst().orElseThrow().split(":")[1].trim();
        CliRun run = inferWith(cardText.replace(actual, wrong));
        assertOneLineExit2(run, "chunkrt: card card.yaml: model.sha256 is " + wrong + " but mlp_actor.onnx hashes to " + actual
                + "; the card was written for another file: use the matching model, or set model.sha256 to " + actual
                + " after checking the card fits this model");
    }

    @Test
    void missingStatsKeyNamesTheStatAndItsWidth() throws IOException {
        String withoutStd = cardText.lines().filter(l -> !l.startsWith("    std: [0.35546875")).reduce("", (a, b) -> a + b + "\n");
        CliRun run = inferWith(withoutStd);
        assertOneLineExit2(run, "chunkrt: card card.yaml: stats.observation.state lacks 'std', needed by mean_std normalization of "
                + "inputs[0]; add stats.observation.state.std (12 values)");
    }

    @Test
    void misspelledCardFieldListsTheValidOnes() throws IOException {
        CliRun run = inferWith(cardText.replace("history: 1", "histroy: 1"));
        assertOneLineExit2(run, "chunkrt: card card.yaml: inputs[0] has unknown field 'histroy'; valid fields are name, feature, type, "
                + "joints, camera, history, normalization, image");
    }

    @Test
    void missingFileIsOneLine() {
        CliRun run = CliRun.of("inspect", dir.resolve("nope.onnx").toString());
        assertEquals(2, run.status());
        assertEquals(1, run.errLine().lines().count());
        assertTrue(run.errLine().contains("nope.onnx"), run.err());
    }

    @Test
    void inputWithWrongShapeIsNamed() throws IOException {
        Path bad = dir.resolve("bad.npy");
        io.chunkrt.tensorfile.NpyWriter.write(bad, new float[5], 1, 5);
        CliRun run = CliRun.of("infer", "--model", card.toString(), "--input", "observation.state=" + bad, "--out", dir.resolve("o").toString());
        assertOneLineExit2(run, "chunkrt: --input observation.state has shape [1, 5] (5 values) but the card expects [1,12]; save the array with that shape");
    }
}
