package io.chunkrt.lerobot;

import io.chunkrt.card.PolicyKind;
import io.chunkrt.normalize.NormalizationMode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Writes the policy card (docs/policy-card.md) for a LeRobot checkpoint exported to ONNX. The ONNX model's inputs
 * must be the LeRobot feature names, plus {@code sample}/{@code timestep} for a diffusion denoiser and
 * {@code x_t}/{@code time} for a flow model; the writer reads the model's declared inputs and outputs and refuses a
 * mismatch now rather than at the card's first load. The text depends only on the checkpoint's contents, the model
 * and the request, not on the checkpoint's layout, folder or the clock.
 */
public final class LeRobotCardWriter {
    private static final String DIFFUSION_SAMPLE_INPUT = "sample";
    private static final String DIFFUSION_TIMESTEP_INPUT = "timestep";
    private static final String FLOW_SAMPLE_INPUT = "x_t";
    private static final String FLOW_TIME_INPUT = "time";
    private static final String IMAGES_PREFIX = "observation.images.";

    private LeRobotCardWriter() {
    }

    /** Writes the card to {@code cardFile}, creating its folder; the model path is written relative to it. */
    public static void write(LeRobotCheckpoint checkpoint, CardRequest request, Path cardFile) {
        Path folder = cardFile.toAbsolutePath().getParent();
        String text = cardText(checkpoint, request, folder);
        try {
            Files.createDirectories(folder);
            Files.writeString(cardFile, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LeRobotImportException("checkpoint " + checkpoint.name() + ": cannot write card " + cardFile
                    + ": " + e, e);
        }
    }

    /** The card's YAML text for a card that will sit in {@code cardFolder}. */
    public static String cardText(LeRobotCheckpoint checkpoint, CardRequest request, Path cardFolder) {
        PolicyKind kind = kindOf(checkpoint.policyType());
        PolicyFeature action = singleOutput(checkpoint);
        ExportedModel model = ExportedModel.read(request.onnxModel(), checkpoint.name());
        model.requireInputs(expectedInputs(checkpoint, kind), checkpoint.policyType());
        String outputName = model.actionOutput(request.outputName());
        CardText card = new CardText()
                .comment("Card for LeRobot " + checkpoint.policyType() + " policy '" + request.name()
                        + "'; check joint names, cameras and rates against the robot.")
                .field(0, "name", YamlScalar.text(request.name()))
                .field(0, "kind", kind.name().toLowerCase(Locale.ROOT));
        card.section(0, "model")
                .field(1, "file", YamlScalar.text(modelPath(request.onnxModel(), cardFolder)))
                .field(1, "sha256", sha256(request.onnxModel(), checkpoint));
        card.section(0, "inputs");
        for (PolicyFeature input : checkpoint.inputFeatures()) {
            writeInput(card, input, checkpoint, request);
        }
        card.section(0, "output")
                .field(1, "name", YamlScalar.text(outputName))
                .field(1, "feature", YamlScalar.text(action.name()))
                .field(1, "joints", YamlScalar.textList(jointNames(action, request, checkpoint)))
                .field(1, "horizon", Integer.toString(checkpoint.horizon()))
                .field(1, "semantics", "absolute")
                .field(1, "normalization", action.normalization().name().toLowerCase(Locale.ROOT));
        card.section(0, "normalization")
                .field(1, "variant", "lerobot")
                .field(1, "eps", YamlScalar.number(checkpoint.eps()));
        writeStats(card, checkpoint);
        writeRatesAndExecution(card, checkpoint, request);
        switch (kind) {
            case DIFFUSION -> writeDiffusion(card, checkpoint);
            case FLOW -> writeFlow(card, checkpoint);
            case CHUNK -> { }
        }
        return card.toString();
    }

    private static void writeInput(CardText card, PolicyFeature input, LeRobotCheckpoint checkpoint,
                                   CardRequest request) {
        card.listItem(1, "name", YamlScalar.text(input.name()))
                .field(2, "feature", YamlScalar.text(input.name()));
        switch (input.type()) {
            case STATE -> card.field(2, "type", "state")
                    .field(2, "joints", YamlScalar.textList(jointNames(input, request, checkpoint)));
            case VISUAL -> card.field(2, "type", "image")
                    .field(2, "camera", YamlScalar.text(cameraName(input.name())));
            default -> throw new LeRobotImportException("checkpoint " + checkpoint.name() + ": input '" + input.name()
                    + "' has type " + input.type() + ", which a policy card cannot feed; cards take STATE and VISUAL"
                    + " inputs, export a policy without it");
        }
        card.field(2, "history", Integer.toString(checkpoint.nObsSteps()))
                .field(2, "normalization", input.normalization().name().toLowerCase(Locale.ROOT));
        if (input.type() == FeatureType.VISUAL) {
            card.section(2, "image")
                    .field(3, "channels", Integer.toString(input.shape().get(0)))
                    .field(3, "height", Integer.toString(input.shape().get(1)))
                    .field(3, "width", Integer.toString(input.shape().get(2)))
                    .field(3, "resize", "bilinear")
                    .field(3, "scale", "unit");
        }
    }

    private static void writeStats(CardText card, LeRobotCheckpoint checkpoint) {
        List<PolicyFeature> features = new ArrayList<>(checkpoint.inputFeatures());
        features.addAll(checkpoint.outputFeatures());
        if (features.stream().allMatch(feature -> feature.normalization() == NormalizationMode.IDENTITY)) {
            card.field(0, "stats", "{}");
            return;
        }
        card.section(0, "stats");
        for (PolicyFeature feature : features) {
            List<String> statNames = feature.normalization().requiredStats();
            if (!statNames.isEmpty()) {
                card.section(1, feature.name());
                for (String stat : statNames) {
                    card.field(2, stat, YamlScalar.numberList(checkpoint.stats().vector(feature.name(), stat)));
                }
            }
        }
    }

    private static void writeRatesAndExecution(CardText card, LeRobotCheckpoint checkpoint, CardRequest request) {
        boolean ensembling = checkpoint.temporalEnsembleCoeff().isPresent();
        // A queue needs a new chunk once its n_action_steps are spent; temporal ensembling wants one every tick.
        double policyHz = ensembling ? request.controlHz() : request.controlHz() / checkpoint.nActionSteps();
        card.section(0, "rates")
                .field(1, "policy_hz", YamlScalar.wholeOrNumber(policyHz))
                .field(1, "control_hz", YamlScalar.wholeOrNumber(request.controlHz()));
        card.section(0, "execution")
                .field(1, "executor", ensembling ? "temporal_ensembling" : "queue")
                .field(1, "n_action_steps", Integer.toString(checkpoint.nActionSteps()));
        if (ensembling) {
            double coeff = checkpoint.temporalEnsembleCoeff().getAsDouble();
            card.field(1, "temporal_ensemble_coeff", YamlScalar.number(coeff));
        }
    }

    private static void writeDiffusion(CardText card, LeRobotCheckpoint checkpoint) {
        DiffusionSchedule schedule = checkpoint.diffusion().orElseThrow(() -> new LeRobotImportException(
                "checkpoint " + checkpoint.name() + ": diffusion policy has no scheduler fields in config.json"));
        card.section(0, "diffusion")
                .field(1, "sample_input", DIFFUSION_SAMPLE_INPUT)
                .field(1, "timestep_input", DIFFUSION_TIMESTEP_INPUT)
                .field(1, "scheduler", schedule.noiseSchedulerType().toLowerCase(Locale.ROOT))
                .field(1, "num_train_timesteps", Integer.toString(schedule.numTrainTimesteps()))
                .field(1, "num_inference_steps", Integer.toString(schedule.numInferenceSteps()))
                .field(1, "beta_schedule", YamlScalar.text(schedule.betaSchedule()))
                .field(1, "beta_start", YamlScalar.number(schedule.betaStart()))
                .field(1, "beta_end", YamlScalar.number(schedule.betaEnd()))
                .field(1, "prediction_type", schedule.predictionType())
                .field(1, "clip_sample", YamlScalar.bool(schedule.clipSample()))
                .field(1, "clip_sample_range", YamlScalar.number(schedule.clipSampleRange()))
                // LeRobot builds diffusers' schedulers with these left at their defaults and steps with eta 0.
                .field(1, "set_alpha_to_one", "true")
                .field(1, "steps_offset", "0")
                .field(1, "timestep_spacing", "leading")
                .field(1, "eta", "0.0");
    }

    private static void writeFlow(CardText card, LeRobotCheckpoint checkpoint) {
        FlowSchedule flow = checkpoint.flow().orElseThrow(() -> new LeRobotImportException(
                "checkpoint " + checkpoint.name() + ": " + checkpoint.policyType() + " policy has no num_steps"));
        card.section(0, "flow")
                .field(1, "sample_input", FLOW_SAMPLE_INPUT)
                .field(1, "time_input", FLOW_TIME_INPUT)
                .field(1, "num_steps", Integer.toString(flow.numSteps()))
                .field(1, "time_convention", "noise_at_one");
    }

    private static List<String> expectedInputs(LeRobotCheckpoint checkpoint, PolicyKind kind) {
        List<String> names = new ArrayList<>(checkpoint.inputFeatures().stream().map(PolicyFeature::name).toList());
        switch (kind) {
            case DIFFUSION -> names.addAll(List.of(DIFFUSION_SAMPLE_INPUT, DIFFUSION_TIMESTEP_INPUT));
            case FLOW -> names.addAll(List.of(FLOW_SAMPLE_INPUT, FLOW_TIME_INPUT));
            case CHUNK -> { }
        }
        return names;
    }

    private static PolicyFeature singleOutput(LeRobotCheckpoint checkpoint) {
        if (checkpoint.outputFeatures().size() != 1) {
            throw new LeRobotImportException("checkpoint " + checkpoint.name() + ": policy has output features "
                    + checkpoint.outputFeatures().stream().map(PolicyFeature::name).toList()
                    + "; a policy card describes exactly one action output");
        }
        return checkpoint.outputFeatures().getFirst();
    }

    private static List<String> jointNames(PolicyFeature feature, CardRequest request, LeRobotCheckpoint checkpoint) {
        int width = feature.statsWidth();
        if (request.joints().isEmpty()) {
            List<String> defaults = new ArrayList<>(width);
            for (int i = 0; i < width; i++) {
                defaults.add("joint_" + i);
            }
            return defaults;
        }
        if (request.joints().size() != width) {
            throw new LeRobotImportException("checkpoint " + checkpoint.name() + ": " + request.joints().size()
                    + " joint names were given but '" + feature.name() + "' has width " + width + " (shape "
                    + feature.shape() + "); pass " + width + " names, one per dimension in vector order");
        }
        return request.joints();
    }

    /** {@code observation.images.top} comes from camera {@code top}; other names use their last part. */
    private static String cameraName(String feature) {
        return feature.startsWith(IMAGES_PREFIX) ? feature.substring(IMAGES_PREFIX.length())
                : feature.substring(feature.lastIndexOf('.') + 1);
    }

    private static String modelPath(Path onnxModel, Path cardFolder) {
        Path model = onnxModel.toAbsolutePath().normalize();
        Path folder = cardFolder.toAbsolutePath().normalize();
        Path written = model.getRoot().equals(folder.getRoot()) ? folder.relativize(model) : model;
        // Forward slashes keep the card the same on every OS.
        return written.toString().replace(model.getFileSystem().getSeparator(), "/");
    }

    private static String sha256(Path file, LeRobotCheckpoint checkpoint) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new LeRobotImportException("checkpoint " + checkpoint.name() + ": cannot read ONNX model '" + file
                    + "' to hash it (" + e + "); export the model first or fix its path", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256, which every Java platform must provide", e);
        }
    }

    /** diffusion is a denoiser loop; pi0, pi05 and SmolVLA are flow matching; every other type is one pass. */
    static PolicyKind kindOf(String policyType) {
        return switch (policyType) {
            case "diffusion" -> PolicyKind.DIFFUSION;
            case "pi0", "pi05", "smolvla" -> PolicyKind.FLOW;
            default -> PolicyKind.CHUNK;
        };
    }
}
