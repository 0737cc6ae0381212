package io.chunkrt.card;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A validated policy card: how to feed an ONNX policy and what its output means. Built by {@link CardLoader},
 * which checks every cross-field rule once at load; the ONNX policy then checks it against the session.
 */
public record PolicyCard(
        Path source,
        String name,
        PolicyKind kind,
        ModelRef model,
        List<InputSpec> inputs,
        OutputSpec output,
        NormalizationSettings normalization,
        Map<String, FeatureStats> stats,
        Rates rates,
        ExecutionSettings execution,
        DiffusionSettings diffusion,
        FlowSettings flow) {

    public PolicyCard {
        inputs = List.copyOf(inputs);
        stats = Map.copyOf(stats);
    }

    /** The card file's name as shown in messages. */
    public String displayName() {
        return source == null ? name : source.getFileName().toString();
    }

    public InputSpec input(String onnxName) {
        for (InputSpec in : inputs) {
            if (in.name().equals(onnxName)) {
                return in;
            }
        }
        return null;
    }

    /** The observation step count the policy needs, the largest history of its inputs. */
    public int nObsSteps() {
        int n = 1;
        for (InputSpec in : inputs) {
            n = Math.max(n, in.history());
        }
        return n;
    }

    /** Returns a copy with other diffusion settings, e.g. fewer inference steps. */
    public PolicyCard withDiffusion(DiffusionSettings settings) {
        return new PolicyCard(source, name, kind, model, inputs, output, normalization, stats, rates, execution, settings, flow);
    }

    public PolicyCard withFlow(FlowSettings settings) {
        return new PolicyCard(source, name, kind, model, inputs, output, normalization, stats, rates, execution, diffusion, settings);
    }
}
