package io.chunkrt.card;

import io.chunkrt.normalize.NormalizationMode;
import io.chunkrt.normalize.NormalizationVariant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small cards built in code for tests that are not about card files. */
public final class TestCards {
    private TestCards() {}

    public static List<String> joints(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    /** An actor: observation.state [1, stateDim] -> action [1, H, A] (or [1, A] for H = 1), no normalization. */
    public static PolicyCard stateActor(int stateDim, int actionDim, int horizon) {
        InputSpec in = new InputSpec("observation.state", "observation.state", InputType.STATE, joints("s", stateDim), null, 1,
                NormalizationMode.IDENTITY, null);
        OutputSpec out = new OutputSpec("action", "action", joints("j", actionDim), horizon, ActionSemantics.ABSOLUTE, NormalizationMode.IDENTITY);
        return new PolicyCard(Path.of("actor.yaml"), "actor", PolicyKind.CHUNK, new ModelRef(Path.of("actor.onnx"), "0".repeat(64)), List.of(in), out,
                new NormalizationSettings(NormalizationVariant.LEROBOT, 1e-8), Map.of(), new Rates(50, 200),
                ExecutionSettings.queue(horizon), null, null);
    }
}
