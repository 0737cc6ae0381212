package io.chunkrt.card;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chunkrt.chunking.Interpolation;
import io.chunkrt.chunking.SpliceAggregate;
import io.chunkrt.normalize.NormalizationMode;
import io.chunkrt.normalize.NormalizationVariant;
import io.chunkrt.policy.sampling.BetaSchedule;
import io.chunkrt.policy.sampling.PredictionType;
import io.chunkrt.policy.sampling.SchedulerType;
import io.chunkrt.policy.sampling.TimeConvention;
import io.chunkrt.policy.sampling.TimestepSpacing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy card, checks each section and the cross-field rules once, and checks the model file's hash.
 * Every problem is a {@link CardException} with one line naming the field, the value and the fix.
 */
public final class CardLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CardLoader() {}

    public static PolicyCard load(Path cardFile) {
        return load(cardFile, true);
    }

    /** @param checkHash false only for tools that inspect a card whose model is being replaced */
    public static PolicyCard load(Path cardFile, boolean checkHash) {
        String display = cardFile.getFileName().toString();
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(cardFile));
        } catch (NoSuchFileException e) {
            throw new CardException("card " + cardFile + " does not exist; give the path of a policy card (.yaml)");
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new CardException("card " + display + " is not valid YAML" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new CardException("card " + cardFile + " cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CardException("card " + display + " is empty or not a mapping; see docs/policy-card.md for the format");
        }
        PolicyCard card = parse(new CardNode(root, "", display), cardFile.toAbsolutePath().getParent(), cardFile);
        if (checkHash) {
            checkHash(card);
        }
        return card;
    }

    static PolicyCard parse(CardNode root, Path cardDir, Path source) {
        root.allowOnly("name", "kind", "model", "inputs", "output", "normalization", "stats", "rates", "execution", "diffusion", "flow");
        String name = root.string("name");
        PolicyKind kind = root.choice("kind", PolicyKind.class, null);
        ModelRef model = model(root.child("model"), cardDir);
        List<InputSpec> inputs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (CardNode in : root.list("inputs")) {
            InputSpec spec = input(in);
            if (!names.add(spec.name())) {
                throw in.error("name", "'" + spec.name() + "' is listed twice; each ONNX input appears once");
            }
            inputs.add(spec);
        }
        OutputSpec output = output(root.child("output"));
        NormalizationSettings normalization = normalization(root.optionalChild("normalization"));
        Map<String, FeatureStats> stats = stats(root.optionalChild("stats"));
        Rates rates = rates(root.optionalChild("rates"));
        ExecutionSettings execution = execution(root.optionalChild("execution"), output.horizon());
        DiffusionSettings diffusion = null;
        FlowSettings flow = null;
        switch (kind) {
            case CHUNK -> {
                if (root.has("diffusion") || root.has("flow")) {
                    throw root.error("kind", "is chunk but the card has a " + (root.has("diffusion") ? "diffusion" : "flow")
                            + " section; set kind to " + (root.has("diffusion") ? "diffusion" : "flow") + " or remove the section");
                }
            }
            case DIFFUSION -> diffusion = diffusion(root.child("diffusion"));
            case FLOW -> flow = flow(root.child("flow"));
        }
        for (InputSpec in : inputs) {
            String clash = diffusion != null ? (in.name().equals(diffusion.sampleInput()) || in.name().equals(diffusion.timestepInput()) ? in.name() : null)
                    : flow != null && (in.name().equals(flow.sampleInput()) || in.name().equals(flow.timeInput())) ? in.name() : null;
            if (clash != null) {
                throw root.error("inputs", "lists '" + clash + "', which the " + kind.name().toLowerCase() + " section already uses for the sample or time; remove it from inputs");
            }
        }
        PolicyCard card = new PolicyCard(source, name, kind, model, inputs, output, normalization, stats, rates, execution, diffusion, flow);
        checkStats(root, card);
        int sliceStart = kind == PolicyKind.DIFFUSION ? card.nObsSteps() - 1 : 0;
        if (execution.nActionSteps() > output.horizon() - sliceStart) {
            throw root.error("execution", "n_action_steps is " + execution.nActionSteps() + " but a diffusion chunk of " + output.horizon()
                    + " is executed from index n_obs_steps - 1 = " + sliceStart + "; use at most " + (output.horizon() - sliceStart));
        }
        if (execution.prefixConditioning() && kind != PolicyKind.FLOW) {
            throw root.error("execution", "prefix_conditioning is true but kind is " + kind.name().toLowerCase() + "; it applies to flow policies only");
        }
        return card;
    }

    private static ModelRef model(CardNode node, Path cardDir) {
        node.allowOnly("file", "sha256");
        Path file = cardDir.resolve(node.string("file")).normalize();
        if (node.has("sha256") && !node.isText("sha256")) {
            throw node.error("sha256", "was read by YAML as a number, not text; put it in quotes: sha256: \"<64 hex digits>\"");
        }
        String sha = node.string("sha256").toLowerCase();
        if (!sha.matches("[0-9a-f]{64}")) {
            throw node.error("sha256", "is '" + sha + "'; expected 64 hex digits (run: sha256sum " + file.getFileName() + ")");
        }
        return new ModelRef(file, sha);
    }

    private static InputSpec input(CardNode in) {
        in.allowOnly("name", "feature", "type", "joints", "camera", "history", "normalization", "image");
        String name = in.string("name");
        String feature = in.string("feature", name);
        InputType type = in.choice("type", InputType.class, null);
        int history = in.integer("history", 1, 1);
        NormalizationMode mode = in.choice("normalization", NormalizationMode.class, NormalizationMode.IDENTITY);
        if (type == InputType.STATE) {
            if (in.has("image") || in.has("camera")) {
                throw in.error("type", "is state but the input has " + (in.has("image") ? "image" : "camera") + "; set type: image or remove it");
            }
            if (mode == NormalizationMode.IMAGENET) {
                throw in.error("normalization", "is imagenet, which is for images; use mean_std, min_max, quantiles, quantile10 or identity");
            }
            return new InputSpec(name, feature, type, in.strings("joints"), null, history, mode, null);
        }
        if (in.has("joints")) {
            throw in.error("joints", "is set on an image input; remove it or set type: state");
        }
        String camera = in.string("camera");
        CardNode img = in.child("image");
        img.allowOnly("channels", "height", "width", "resize", "scale", "crop", "channel_order");
        int channels = img.integer("channels", 1, 3);
        if (channels != 1 && channels != 3) {
            throw img.error("channels", "is " + channels + "; expected 1 (mono, depth) or 3 (rgb)");
        }
        ChannelOrder order = img.choice("channel_order", ChannelOrder.class, ChannelOrder.RGB);
        if (channels == 1 && img.has("channel_order")) {
            throw img.error("channel_order", "is set on a 1-channel image; remove it (it applies to 3-channel images)");
        }
        ImageSpec image = new ImageSpec(channels, img.integer("height", 1), img.integer("width", 1),
                img.choice("resize", ResizeMode.class, ResizeMode.BILINEAR), img.choice("scale", PixelScale.class, PixelScale.UNIT),
                crop(img.optionalChild("crop")), order);
        if (mode == NormalizationMode.IMAGENET && channels != 3) {
            throw in.error("normalization", "is imagenet but the image has " + channels + " channel; use mean_std with per-channel stats or identity");
        }
        return new InputSpec(name, feature, type, List.of(), camera, history, mode, image);
    }

    /** {height, width} is a centered crop (torchvision CenterCrop); adding top and left fixes its corner. */
    private static ImageCrop crop(CardNode crop) {
        if (crop == null) {
            return null;
        }
        crop.allowOnly("height", "width", "top", "left");
        int height = crop.integer("height", 1);
        int width = crop.integer("width", 1);
        if (crop.has("top") != crop.has("left")) {
            throw crop.error(crop.has("top") ? "left" : "top", "is missing; give both top and left for a fixed crop, or neither for a centered one");
        }
        return crop.has("top") ? ImageCrop.at(crop.integer("top", 0), crop.integer("left", 0), height, width) : ImageCrop.center(height, width);
    }

    private static OutputSpec output(CardNode out) {
        out.allowOnly("name", "feature", "joints", "horizon", "semantics", "normalization");
        NormalizationMode mode = out.choice("normalization", NormalizationMode.class, NormalizationMode.IDENTITY);
        if (mode == NormalizationMode.IMAGENET) {
            throw out.error("normalization", "is imagenet, which is for images; use mean_std, min_max, quantiles, quantile10 or identity");
        }
        return new OutputSpec(out.string("name"), out.string("feature", "action"), out.strings("joints"), out.integer("horizon", 1),
                out.choice("semantics", ActionSemantics.class, ActionSemantics.ABSOLUTE), mode);
    }

    private static NormalizationSettings normalization(CardNode node) {
        if (node == null) {
            return new NormalizationSettings(NormalizationVariant.LEROBOT, 1e-8);
        }
        node.allowOnly("variant", "eps");
        double eps = node.number("eps", 1e-8);
        if (!(eps >= 0) || eps > 1e-2) {
            throw node.error("eps", "is " + eps + "; expected a small non-negative number such as 1.0e-8");
        }
        return new NormalizationSettings(node.choice("variant", NormalizationVariant.class, NormalizationVariant.LEROBOT), eps);
    }

    private static Map<String, FeatureStats> stats(CardNode node) {
        Map<String, FeatureStats> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        for (String feature : node.keys()) {
            CardNode f = node.child(feature);
            Map<String, float[]> vectors = new LinkedHashMap<>();
            for (String stat : f.keys()) {
                if (!List.of("mean", "std", "min", "max", "q01", "q99", "q10", "q90", "count").contains(stat)) {
                    throw f.error("has unknown statistic '" + stat + "'; valid ones are mean, std, min, max, q01, q99, q10, q90");
                }
                if (!stat.equals("count")) {
                    vectors.put(stat, f.floats(stat));
                }
            }
            out.put(feature, new FeatureStats(vectors));
        }
        return out;
    }

    private static Rates rates(CardNode node) {
        if (node == null) {
            return new Rates(10, 50);
        }
        node.allowOnly("policy_hz", "control_hz");
        return new Rates(node.positive("policy_hz", 10), node.positive("control_hz", 50));
    }

    private static ExecutionSettings execution(CardNode node, int horizon) {
        if (node == null) {
            return ExecutionSettings.queue(horizon);
        }
        node.allowOnly("executor", "n_action_steps", "temporal_ensemble_coeff", "interpolation", "chunk_size_threshold", "aggregate",
                "blend_window", "execution_latency_s", "action_offset", "prefix_conditioning");
        int steps = node.integer("n_action_steps", 1, horizon);
        if (steps > horizon) {
            throw node.error("n_action_steps", "is " + steps + " but the chunk has only output.horizon = " + horizon + " actions; use a value from 1 to " + horizon);
        }
        double threshold = node.number("chunk_size_threshold", 0.5);
        if (!(threshold >= 0 && threshold < 1)) {
            throw node.error("chunk_size_threshold", "is " + threshold + "; expected a fraction in [0, 1) of the chunk (LeRobot uses 0.5)");
        }
        double latency = node.number("execution_latency_s", 0.0);
        if (!(latency >= 0) || Double.isInfinite(latency)) {
            throw node.error("execution_latency_s", "is " + latency + "; expected seconds >= 0");
        }
        return new ExecutionSettings(node.choice("executor", ExecutorKind.class, ExecutorKind.QUEUE), steps,
                node.number("temporal_ensemble_coeff", 0.01), node.choice("interpolation", Interpolation.class, Interpolation.LINEAR), threshold,
                node.choice("aggregate", SpliceAggregate.class, SpliceAggregate.WEIGHTED_AVERAGE), node.integer("blend_window", 0, 0), latency,
                node.integer("action_offset", 0, 0), node.bool("prefix_conditioning", false));
    }

    private static DiffusionSettings diffusion(CardNode d) {
        d.allowOnly("sample_input", "timestep_input", "scheduler", "num_train_timesteps", "num_inference_steps", "beta_schedule",
                "beta_start", "beta_end", "prediction_type", "clip_sample", "clip_sample_range", "set_alpha_to_one", "steps_offset",
                "timestep_spacing", "eta", "variance_type");
        if (d.has("variance_type") && !d.string("variance_type").equals("fixed_small")) {
            throw d.error("variance_type", "is '" + d.string("variance_type") + "'; only fixed_small (diffusers' default, Diffusion Policy's choice) is supported");
        }
        int train = d.integer("num_train_timesteps", 1, 1000);
        int inference = d.integer("num_inference_steps", 1, train);
        if (inference > train) {
            throw d.error("num_inference_steps", "is " + inference + " but num_train_timesteps is " + train + "; use at most " + train);
        }
        double betaStart = d.positive("beta_start", 1e-4);
        double betaEnd = d.positive("beta_end", 0.02);
        double eta = d.number("eta", 0.0);
        if (eta < 0) {
            throw d.error("eta", "is " + eta + "; expected eta >= 0 (0 is deterministic DDIM)");
        }
        double range = d.positive("clip_sample_range", 1.0);
        return new DiffusionSettings(d.string("sample_input", "sample"), d.string("timestep_input", "timestep"),
                d.choice("scheduler", SchedulerType.class, SchedulerType.DDPM), train, inference,
                d.choice("beta_schedule", BetaSchedule.class, BetaSchedule.SQUAREDCOS_CAP_V2), betaStart, betaEnd,
                d.choice("prediction_type", PredictionType.class, PredictionType.EPSILON), d.bool("clip_sample", true), range,
                d.bool("set_alpha_to_one", true), d.integer("steps_offset", 0, 0),
                d.choice("timestep_spacing", TimestepSpacing.class, TimestepSpacing.LEADING), eta);
    }

    private static FlowSettings flow(CardNode f) {
        f.allowOnly("sample_input", "time_input", "num_steps", "time_convention");
        return new FlowSettings(f.string("sample_input", "x_t"), f.string("time_input", "time"), f.integer("num_steps", 1, 10),
                f.choice("time_convention", TimeConvention.class, TimeConvention.NOISE_AT_ONE));
    }

    /** Every normalized feature has the stats its mode needs, each of the feature's width. */
    private static void checkStats(CardNode root, PolicyCard card) {
        for (int i = 0; i < card.inputs().size(); i++) {
            InputSpec in = card.inputs().get(i);
            checkFeatureStats(root, card, "inputs[" + i + "]", in.feature(), in.normalization(), in.statsWidth(),
                    in.type() == InputType.STATE ? "its joints" : "its image.channels");
        }
        OutputSpec out = card.output();
        checkFeatureStats(root, card, "output", out.feature(), out.normalization(), out.actionDim(), "output.joints");
    }

    private static void checkFeatureStats(CardNode root, PolicyCard card, String where, String feature, NormalizationMode mode, int width, String widthSource) {
        if (mode.requiredStats().isEmpty()) {
            return;
        }
        FeatureStats fs = card.stats().get(feature);
        if (fs == null) {
            throw root.error("stats", "has no entry for '" + feature + "', which " + where + " normalizes with "
                    + mode.name().toLowerCase() + "; add stats." + feature + " with " + String.join(" and ", mode.requiredStats())
                    + ", or set " + where + ".normalization: identity");
        }
        for (String stat : mode.requiredStats()) {
            float[] v = fs.get(stat);
            if (v == null) {
                throw root.error("stats." + feature, "lacks '" + stat + "', needed by " + mode.name().toLowerCase() + " normalization of " + where
                        + "; add stats." + feature + "." + stat + " (" + width + " values)");
            }
            if (v.length != width) {
                throw root.error("stats." + feature + "." + stat, "has " + v.length + " values but " + widthSource + " give a width of " + width
                        + "; give one value per " + (widthSource.contains("channels") ? "channel" : "joint"));
            }
        }
    }

    private static void checkHash(PolicyCard card) {
        Path file = card.model().file();
        if (!Files.isRegularFile(file)) {
            throw new CardException("card " + card.displayName() + ": model.file '" + file + "' does not exist; put the .onnx next to the card or fix model.file");
        }
        String actual;
        try {
            actual = ModelHash.sha256(file);
        } catch (IOException e) {
            throw new CardException("card " + card.displayName() + ": model.file '" + file + "' cannot be read: " + e.getMessage());
        }
        if (!actual.equals(card.model().sha256())) {
            throw new CardException("card " + card.displayName() + ": model.sha256 is " + card.model().sha256() + " but " + file.getFileName()
                    + " hashes to " + actual + "; the card was written for another file: use the matching model, or set model.sha256 to "
                    + actual + " after checking the card fits this model");
        }
    }
}
