package io.chunkrt.testing;

import io.chunkrt.card.CardLoader;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.policy.ObservationTensors;
import io.chunkrt.tensorfile.NpyReader;
import java.nio.file.Path;

/** The models/ folder's cards and the PyTorch reference arrays the export script wrote beside them. */
public final class ReferenceFiles {
    private final Path dir;

    public ReferenceFiles(String model) {
        this.dir = TestPaths.models().resolve(model);
    }

    public PolicyCard card(String cardName) {
        return CardLoader.load(dir.resolve(cardName + ".yaml"));
    }

    public float[] floats(String file) {
        return NpyReader.read(dir.resolve("reference").resolve(file)).toFloatArray();
    }

    public Path path(String file) {
        return dir.resolve("reference").resolve(file);
    }

    /** Fills each card input from reference/input.<name>.npy (raw values, normalized by the card). */
    public void fillInputs(ObservationTensors observation) {
        for (int i = 0; i < observation.size(); i++) {
            float[] v = floats("input." + observation.spec(i).name() + ".npy");
            observation.putRaw(i, v);
        }
    }
}
