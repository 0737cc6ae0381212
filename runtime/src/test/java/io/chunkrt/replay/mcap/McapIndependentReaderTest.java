package io.chunkrt.replay.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chunkrt.replay.bag.RecordedBag;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCAP files we write pass Foxglove's own reader, @mcap/core (npm), run by node: the stream reader walks every
 * record validating chunk, data-section and summary CRCs, and the indexed reader reads all messages through the
 * footer, summary and chunk indexes in log-time order. Skipped, with the reason, where node or npm is missing.
 */
class McapIndependentReaderTest {
    private static final List<String> PACKAGES = List.of("@mcap/core@2.2.2", "fzstd@0.1.1", "lz4js@0.2.0");
    private static Path modules;

    @TempDir
    Path tmp;

    @BeforeAll
    static void installMcapCore() throws IOException, InterruptedException {
        assumeTrue(onPath("node") && onPath("npm"), "node and npm are not on PATH (apt-get install nodejs npm);"
                + " the independent MCAP reader check is skipped");
        Path prefix = Path.of("target/mcap-node").toAbsolutePath();
        modules = prefix.resolve("node_modules");
        if (!Files.isDirectory(modules.resolve("@mcap/core")) || !Files.isDirectory(modules.resolve("fzstd"))
                || !Files.isDirectory(modules.resolve("lz4js"))) {
            Files.createDirectories(prefix);
            List<String> cmd = new java.util.ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                    "--prefix", prefix.toString()));
            cmd.addAll(PACKAGES);
            Result r = run(cmd, 240);
            assertEquals(0, r.status, "npm install " + PACKAGES + " failed: " + r.output);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private record Result(int status, String output) {
    }

    private static Result run(List<String> command, int timeoutS) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out after " + timeoutS + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static JsonNode check(Path mcap) throws IOException, InterruptedException, URISyntaxException {
        Path script = Path.of(McapIndependentReaderTest.class.getResource("/mcap-check/check.mjs").toURI());
        Result r = run(List.of("node", script.toString(), modules.toString(), mcap.toString()), 120);
        assertEquals(0, r.status, "@mcap/core rejected " + mcap.getFileName() + ": " + r.output);
        String last = r.output.strip().lines().reduce((a, b) -> b).orElse("");
        return new ObjectMapper().readTree(last);
    }

    @Test
    void filesWeWritePassMcapCoreForEveryCompression() throws Exception {
        for (McapCompression compression : McapCompression.values()) {
            Path dir = tmp.resolve("rec_" + compression.name().toLowerCase());
            RecordedBag.write(dir, compression, 300);
            Path file = dir.resolve(dir.getFileName() + "_0.mcap");
            JsonNode out = check(file);
            assertEquals("ros2", out.get("profile").asText());
            for (String topic : List.of("/follower/joint_states", "/follower/joint_commands", "/chunkrt/faults")) {
                assertEquals(100, out.get("streamMessages").path(topic).asInt(), compression + " " + topic);
                assertEquals(100, out.get("indexedMessages").path(topic).asInt(), compression + " " + topic);
            }
            int chunks = out.get("records").get("Chunk").asInt();
            assertTrue(chunks > 3, compression + ": expected several 4 KiB chunks, got " + chunks);
            assertEquals(chunks, out.get("statistics").get("chunkCount").asInt());
            assertEquals(chunks, out.get("chunkIndexes").asInt());
            assertEquals(300, out.get("statistics").get("messageCount").asInt());
            assertEquals(1, out.get("records").get("DataEnd").asInt());
            assertEquals(1, out.get("records").get("Footer").asInt());
            assertEquals(1, out.get("records").get("Metadata").asInt());
        }
    }

    @Test
    void anEmptyRecordingIsAValidMcapFile() throws Exception {
        Path file = tmp.resolve("empty.mcap");
        try (McapWriter w = McapWriter.create(file, McapWriter.Options.ros2("chunkrt-test"))) {
            w.addSchema("std_msgs/msg/String", "ros2msg", "string data\n".getBytes(StandardCharsets.UTF_8));
            w.addChannel(1, "/chatter", "cdr", java.util.Map.of("offered_qos_profiles", ""));
        }
        JsonNode out = check(file);
        assertEquals(0, out.get("statistics").get("messageCount").asInt());
        assertEquals(0, out.get("chunkIndexes").asInt());
    }
}
