package io.chunkrt.lerobot;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Reads the JSON files of a checkpoint folder, turning parse failures into one-line import errors. */
final class CheckpointJsonFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointJsonFile() {
    }

    /** The root object of {@code file}; {@code checkpoint} names the checkpoint in errors. */
    static JsonNode readObject(Path file, String checkpoint) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new LeRobotImportException("checkpoint " + checkpoint + ": " + file.getFileName()
                    + " is not valid JSON" + where + " (" + e.getOriginalMessage() + "); restore it from the saved"
                    + " checkpoint");
        } catch (IOException e) {
            throw new LeRobotImportException("checkpoint " + checkpoint + ": cannot read " + file + ": " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new LeRobotImportException("checkpoint " + checkpoint + ": " + file.getFileName()
                    + " holds " + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase())
                    + ", expected a JSON object");
        }
        return root;
    }
}
