package io.chunkrt.policy;

import io.chunkrt.card.CardException;
import io.chunkrt.card.InputSpec;
import io.chunkrt.card.InputType;
import io.chunkrt.card.OutputSpec;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.card.PolicyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a card against the model's real inputs and outputs: names, element types, ranks and static
 * dimensions. The first mismatch is a {@link CardException} naming the field, the value, what the model
 * has and the fix.
 */
public final class CardSignatureCheck {
    private CardSignatureCheck() {}

    public static void check(PolicyCard card, Map<String, TensorSignature> modelInputs, Map<String, TensorSignature> modelOutputs) {
        String card_ = "card " + card.displayName() + ": ";
        String model = card.model().file().getFileName().toString();
        List<String> inputNames = new ArrayList<>(modelInputs.keySet());
        for (int i = 0; i < card.inputs().size(); i++) {
            InputSpec in = card.inputs().get(i);
            String field = "inputs[" + i + "]";
            TensorSignature sig = modelInputs.get(in.name());
            if (sig == null) {
                throw new CardException(card_ + field + ".name '" + in.name() + "' is not an input of " + model + "; its inputs are "
                        + inputNames + "; fix " + field + ".name in " + card.displayName());
            }
            requireFloat(card_ + field + " '" + in.name() + "'", sig, model);
            long[] expected = in.onnxShape();
            if (!sig.accepts(expected)) {
                throw new CardException(card_ + field + " '" + in.name() + "' has shape " + sig.shapeText() + " in " + model
                        + " but the card gives " + TensorSignature.shapeText(expected) + " (" + describe(in) + "); " + fix(field, in, sig));
            }
        }
        switch (card.kind()) {
            case CHUNK -> { }
            case DIFFUSION -> {
                checkSample(card_, "diffusion.sample_input", card.diffusion().sampleInput(), card, modelInputs, model);
                checkTime(card_, "diffusion.timestep_input", card.diffusion().timestepInput(), modelInputs, model);
            }
            case FLOW -> {
                checkSample(card_, "flow.sample_input", card.flow().sampleInput(), card, modelInputs, model);
                checkTime(card_, "flow.time_input", card.flow().timeInput(), modelInputs, model);
            }
        }
        for (String name : modelInputs.keySet()) {
            boolean fed = card.input(name) != null
                    || (card.kind() == PolicyKind.DIFFUSION && (name.equals(card.diffusion().sampleInput()) || name.equals(card.diffusion().timestepInput())))
                    || (card.kind() == PolicyKind.FLOW && (name.equals(card.flow().sampleInput()) || name.equals(card.flow().timeInput())));
            if (!fed) {
                throw new CardException(card_ + "input '" + name + "' of " + model + " (" + modelInputs.get(name).shapeText()
                        + ") is not fed by the card; add it under inputs with name: " + name);
            }
        }
        OutputSpec out = card.output();
        TensorSignature sig = modelOutputs.get(out.name());
        if (sig == null) {
            throw new CardException(card_ + "output.name '" + out.name() + "' is not an output of " + model + "; its outputs are "
                    + new ArrayList<>(modelOutputs.keySet()) + "; fix output.name in " + card.displayName());
        }
        requireFloat(card_ + "output '" + out.name() + "'", sig, model);
        if (!sig.accepts(out.onnxShape())) {
            throw new CardException(card_ + "output '" + out.name() + "' has shape " + sig.shapeText() + " in " + model
                    + " but the card gives " + TensorSignature.shapeText(out.onnxShape()) + " (horizon " + out.horizon() + ", "
                    + out.actionDim() + " joints); " + outputFix(out, sig));
        }
    }

    private static void checkSample(String prefix, String field, String name, PolicyCard card, Map<String, TensorSignature> inputs, String model) {
        TensorSignature sig = inputs.get(name);
        if (sig == null) {
            throw new CardException(prefix + field + " '" + name + "' is not an input of " + model + "; its inputs are "
                    + new ArrayList<>(inputs.keySet()) + "; fix " + field);
        }
        requireFloat(prefix + field + " '" + name + "'", sig, model);
        long[] expected = {1, card.output().horizon(), card.output().actionDim()};
        if (!sig.accepts(expected)) {
            throw new CardException(prefix + field + " '" + name + "' has shape " + sig.shapeText() + " in " + model + " but the card's output gives "
                    + TensorSignature.shapeText(expected) + " (horizon, joints); set output.horizon and output.joints to match");
        }
    }

    private static void checkTime(String prefix, String field, String name, Map<String, TensorSignature> inputs, String model) {
        TensorSignature sig = inputs.get(name);
        if (sig == null) {
            throw new CardException(prefix + field + " '" + name + "' is not an input of " + model + "; its inputs are "
                    + new ArrayList<>(inputs.keySet()) + "; fix " + field);
        }
        boolean numeric = sig.type() == ElementType.FLOAT32 || sig.type() == ElementType.INT64 || sig.type() == ElementType.INT32;
        boolean oneValue = sig.rank() == 0 || (sig.rank() == 1 && sig.accepts(new long[] {1}));
        if (!numeric || !oneValue) {
            throw new CardException(prefix + field + " '" + name + "' is " + sig.type().name().toLowerCase() + sig.shapeText() + " in " + model
                    + "; expected one float32, int64 or int32 value (shape [] or [1]); re-export the model with a scalar time input");
        }
    }

    private static void requireFloat(String what, TensorSignature sig, String model) {
        if (sig.type() != ElementType.FLOAT32) {
            throw new CardException(what + " is " + sig.type().name().toLowerCase() + " in " + model
                    + "; ChunkRT feeds float32 tensors: re-export the model with float32 inputs and outputs");
        }
    }

    private static String describe(InputSpec in) {
        return in.type() == InputType.STATE
                ? in.joints().size() + " joints, history " + in.history()
                : in.image().channels() + "x" + in.image().height() + "x" + in.image().width() + " image, history " + in.history();
    }

    private static String fix(String field, InputSpec in, TensorSignature sig) {
        long[] s = sig.shape();
        int expectedRank = in.type() == InputType.STATE ? 2 : 4;
        if (s.length == expectedRank + 1 && in.history() == 1) {
            return "the model stacks " + (s[1] < 0 ? "several" : Long.toString(s[1])) + " observation steps: set " + field + ".history";
        }
        if (s.length == expectedRank && in.history() > 1) {
            return "the model has no time axis: set " + field + ".history: 1";
        }
        if (in.type() == InputType.STATE && s.length >= 2) {
            long d = s[s.length - 1];
            return d >= 0 ? "list " + d + " joints under " + field + ".joints" : "check " + field + ".joints";
        }
        if (in.type() == InputType.IMAGE && s.length >= 3) {
            int n = s.length;
            return "set " + field + ".image to channels " + dim(s[n - 3]) + ", height " + dim(s[n - 2]) + ", width " + dim(s[n - 1]);
        }
        return "make " + field + " match the model";
    }

    private static String outputFix(OutputSpec out, TensorSignature sig) {
        long[] s = sig.shape();
        if (s.length == 3) {
            return "set output.horizon to " + dim(s[1]) + " and list " + dim(s[2]) + " joints under output.joints";
        }
        if (s.length == 2) {
            return "set output.horizon: 1 and list " + dim(s[1]) + " joints under output.joints";
        }
        return "the output must be [1, H, A] or [1, A]; re-export the model";
    }

    private static String dim(long d) {
        return d < 0 ? "?" : Long.toString(d);
    }
}
