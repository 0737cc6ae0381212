package io.chunkrt.lerobot;

import io.chunkrt.onnxfile.OnnxFileException;
import io.chunkrt.onnxfile.OnnxModelFile;
import io.chunkrt.onnxfile.OnnxValueInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * The ONNX file a card is written for, read from its own bytes, so that a card whose input or output names the
 * session lacks is refused now, with the checkpoint named, rather than at the card's first load.
 *
 * @param model what the file declares
 * @param checkpoint the checkpoint's name, for messages
 */
record ExportedModel(OnnxModelFile model, String checkpoint) {

    static ExportedModel read(Path onnxModel, String checkpoint) {
        try {
            return new ExportedModel(OnnxModelFile.read(onnxModel), checkpoint);
        } catch (OnnxFileException e) {
            throw new LeRobotImportException("checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    /** Refuses a model whose inputs are not exactly {@code expected}: a card must feed every input and only those. */
    void requireInputs(List<String> expected, String policyType) {
        TreeSet<String> actual = new TreeSet<>(model.inputs().stream().map(OnnxValueInfo::name).toList());
        if (!actual.equals(new TreeSet<>(expected))) {
            throw new LeRobotImportException("checkpoint " + checkpoint + ": ONNX model '" + model.file()
                    + "' has inputs " + actual + " but a card for this " + policyType + " policy feeds " + expected
                    + "; export the model with input_names equal to these");
        }
    }

    /** {@code requested} when the model has it; the model's only output when {@code requested} is "". */
    String actionOutput(String requested) {
        List<String> outputs = model.outputs().stream().map(OnnxValueInfo::name).toList();
        if (!requested.isEmpty()) {
            if (!outputs.contains(requested)) {
                throw new LeRobotImportException("checkpoint " + checkpoint + ": ONNX model '" + model.file()
                        + "' has no output '" + requested + "'; its outputs are " + outputs);
            }
            return requested;
        }
        if (outputs.size() != 1) {
            throw new LeRobotImportException("checkpoint " + checkpoint + ": ONNX model '" + model.file()
                    + "' has outputs " + outputs + "; name the one that holds the action");
        }
        return outputs.getFirst();
    }
}
