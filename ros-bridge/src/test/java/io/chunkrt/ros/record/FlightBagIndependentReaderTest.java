package io.chunkrt.ros.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flight-recorder bag opens in Foxglove's own libraries: @mcap/core reads it (every chunk, data-section and summary
 * CRC validated; messages through the summary and chunk indexes), and @foxglove/rosmsg with
 * @foxglove/rosmsg2-serialization decode every message with the ros2msg schema the bag stores, giving back what was
 * recorded. The packages are installed at test time into ros-bridge/target/flight-node; skipped, with the reason,
 * where node or npm is missing.
 */
class FlightBagIndependentReaderTest {
    private static final List<String> PACKAGES = List.of("@mcap/core@2.2.2", "fzstd@0.1.1", "lz4js@0.2.0", "@foxglove/rosmsg@5.0.5",
            "@foxglove/rosmsg2-serialization@3.1.0");
    private static Path modules;

    @TempDir
    Path tmp;

    @BeforeAll
    static void installFoxgloveReaders() throws IOException, InterruptedException {
        assumeTrue(onPath("node") && onPath("npm"), "node and npm are not on PATH (apt-get install nodejs npm); the Foxglove reader check is skipped");
        Path prefix = Path.of("target/flight-node").toAbsolutePath();
        modules = prefix.resolve("node_modules");
        if (!Files.isDirectory(modules.resolve("@foxglove/rosmsg2-serialization")) || !Files.isDirectory(modules.resolve("@mcap/core"))) {
            Files.createDirectories(prefix);
            List<String> cmd = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", prefix.toString()));
            cmd.addAll(PACKAGES);
            String[] r = run(cmd, 240);
            assertEquals("0", r[0], "npm install " + PACKAGES + " failed: " + r[1]);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String[] run(List<String> command, int timeoutS) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new String[] {"timeout", "timed out after " + timeoutS + " s"};
        }
        return new String[] {Integer.toString(p.exitValue()), new String(out, StandardCharsets.UTF_8)};
    }

    @Test
    void foxglovesReadersDecodeEveryMessageWithTheBagsOwnSchemas() throws Exception {
        Path dir = tmp.resolve("flight");
        FlightBagRoundTripTest.record(dir);
        Path script = Path.of(getClass().getResource("/flight-check/decode.mjs").toURI());
        String[] r = run(List.of("node", script.toString(), modules.toString(), dir.resolve("flight_0.mcap").toString()), 120);
        assertEquals("0", r[0], "Foxglove's readers rejected the bag: " + r[1]);
        JsonNode out = new ObjectMapper().readTree(r[1].strip().lines().reduce((a, b) -> b).orElse(""));
        int n = FlightBagRoundTripTest.N;
        assertEquals("ros2", out.path("profile").asText());
        for (String topic : List.of("/joint_states", "/top/image_raw", "/wrist/image_raw/compressed", "/arm_controller/commands", "/chunkrt/events")) {
            assertEquals(n, out.path("counts").path(topic).asInt(), topic);
            assertEquals("ros2msg", out.path("schemas").path(topic).path("encoding").asText(), topic);
            assertEquals("cdr", out.path("schemas").path(topic).path("messageEncoding").asText(), topic);
        }
        assertEquals("sensor_msgs/msg/JointState", out.path("schemas").path("/joint_states").path("name").asText());
        assertEquals("rosbag2", out.path("metadata").path(0).asText(), "rosbag2's metadata record");

        int i = n - 1;
        long base = 1_000_000_000L + i * 10_000_000L;
        JsonNode js = out.path("last").path("/joint_states").path("message");
        assertEquals(List.of("shoulder", "elbow", "wrist"), List.of(js.path("name").path(0).asText(), js.path("name").path(1).asText(),
                js.path("name").path(2).asText()));
        for (int j = 0; j < 3; j++) {
            assertEquals(FlightBagRoundTripTest.position(i, j), js.path("position").path(j).asDouble(), 0.0);
        }
        assertEquals((base - 500) / 1_000_000_000L, js.path("header").path("stamp").path("sec").asLong());
        assertEquals((base - 500) % 1_000_000_000L, js.path("header").path("stamp").path("nanosec").asLong());

        JsonNode image = out.path("last").path("/top/image_raw").path("message");
        assertEquals(4, image.path("width").asInt());
        assertEquals(3, image.path("height").asInt());
        assertEquals("rgb8", image.path("encoding").asText());
        assertEquals(12, image.path("step").asInt());
        byte[] pixels = FlightBagRoundTripTest.pixels(i);
        for (int k = 0; k < 16; k++) {
            assertEquals(pixels[k] & 0xFF, image.path("data").path(k).asInt(), "pixel byte " + k);
        }
        assertEquals("jpeg", out.path("last").path("/wrist/image_raw/compressed").path("message").path("format").asText());

        JsonNode command = out.path("last").path("/arm_controller/commands").path("message");
        assertEquals(i, command.path("data").path(0).asDouble(), 0.0);
        assertEquals(-i, command.path("data").path(1).asDouble(), 0.0);
        assertEquals(0.5 * i, command.path("data").path(2).asDouble(), 0.0);

        JsonNode status = out.path("last").path("/chunkrt/events").path("message").path("status").path(0);
        assertEquals("chunkrt/chunk_accepted", status.path("name").asText());
        assertEquals("chunk accepted", status.path("message").asText());
        assertEquals("observation_stamp_ns", status.path("values").path(1).path("key").asText());
        assertEquals(Long.toString(base - 7), status.path("values").path(1).path("value").asText());
        JsonNode firstStatus = out.path("first").path("/chunkrt/events").path("message").path("status").path(0);
        assertEquals(1, firstStatus.path("level").asInt(), "WARN");
        assertEquals("POSITION_LIMIT", firstStatus.path("values").path(1).path("value").asText());
        assertTrue(out.path("records").asInt() > 5 * n, "every record passed the stream reader's CRC checks");
    }
}
