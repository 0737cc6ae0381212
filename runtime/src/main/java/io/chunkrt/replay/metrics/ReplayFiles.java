package io.chunkrt.replay.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chunkrt.card.ExecutionSettings;
import io.chunkrt.replay.RecordingException;
import io.chunkrt.replay.engine.ActionLog;
import io.chunkrt.replay.engine.CommandLog;
import io.chunkrt.replay.engine.ReplayResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a replay's files into an output folder: {@value #COMMANDS} (every command with its time and tick flags: the
 * command log, byte-identical from run to run), {@value #ACTIONS} (the recorded actions, in the card's joint order),
 * {@value #METRICS_CSV} (one row per joint) and {@value #METRICS_JSON} (everything, including the latency
 * distributions, counters and the command log's SHA-256). Numbers are written with Java's shortest round-trip
 * decimal form.
 */
public final class ReplayFiles {
    public static final String COMMANDS = "commands.csv";
    public static final String ACTIONS = "recorded_actions.csv";
    public static final String METRICS_CSV = "metrics.csv";
    public static final String METRICS_JSON = "metrics.json";

    private ReplayFiles() {}

    /** Writes every file; creates the folder. Returns the command log's SHA-256 (hex). */
    public static String write(Path dir, ReplayResult r, ReplayMetrics m) {
        try {
            Files.createDirectories(dir);
            writeCommands(dir.resolve(COMMANDS), r.commands());
            writeActions(dir.resolve(ACTIONS), r.actions());
            writeMetricsCsv(dir.resolve(METRICS_CSV), m);
            String sha = sha256(dir.resolve(COMMANDS));
            writeJson(dir.resolve(METRICS_JSON), r, m, sha);
            return sha;
        } catch (IOException e) {
            throw new RecordingException("cannot write the replay's files into '" + dir + "': " + e.getMessage(), e);
        }
    }

    public static void writeCommands(Path file, CommandLog c) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("time_ns,chunk,hold,safety");
            for (String j : c.joints()) {
                w.write(',');
                w.write(j);
            }
            w.write('\n');
            for (int i = 0; i < c.count(); i++) {
                w.write(Long.toString(c.timeNs(i)));
                w.write(c.has(i, CommandLog.CHUNK) ? ",1" : ",0");
                w.write(c.has(i, CommandLog.HOLD) ? ",1" : ",0");
                w.write(c.has(i, CommandLog.SAFETY) ? ",1" : ",0");
                for (int j = 0; j < c.joints().size(); j++) {
                    w.write(',');
                    w.write(Double.toString(c.command(i, j)));
                }
                w.write('\n');
            }
        }
    }

    private static void writeActions(Path file, ActionLog a) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("time_ns");
            for (String j : a.joints()) {
                w.write(',');
                w.write(j);
            }
            w.write('\n');
            for (int i = 0; i < a.count(); i++) {
                w.write(Long.toString(a.timeNs(i)));
                for (int j = 0; j < a.joints().size(); j++) {
                    w.write(',');
                    double v = a.value(i, j);
                    w.write(Double.isNaN(v) ? "" : Double.toString(v));
                }
                w.write('\n');
            }
        }
    }

    private static void writeMetricsCsv(Path file, ReplayMetrics m) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("joint,samples,mae,rmse,max_abs_error,largest_step,rms_jerk,max_abs_jerk,largest_seam_step\n");
            for (JointMetrics j : m.joints()) {
                w.write(String.join(",", j.joint(), Integer.toString(j.samples()), num(j.mae()), num(j.rmse()), num(j.maxAbsError()),
                        num(j.largestStep()), num(j.rmsJerk()), num(j.maxAbsJerk()), num(j.largestSeamStep())));
                w.write('\n');
            }
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void put(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static ObjectNode latency(ObjectNode parent, String key, LatencySummary s) {
        ObjectNode o = parent.putObject(key);
        o.put("count", s.count());
        put(o, "min", s.minMs());
        put(o, "p50", s.p50Ms());
        put(o, "p90", s.p90Ms());
        put(o, "p99", s.p99Ms());
        put(o, "max", s.maxMs());
        put(o, "mean", s.meanMs());
        return o;
    }

    /** The whole report as JSON (also embedded in the HTML report). */
    public static ObjectNode json(ReplayResult r, ReplayMetrics m, String commandsSha256) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("card", r.cardName());
        root.put("recording", r.layout().description());
        ObjectNode settings = root.putObject("settings");
        ExecutionSettings e = r.settings().execution();
        settings.put("executor", e.executor().name().toLowerCase(Locale.ROOT));
        settings.put("n_action_steps", e.nActionSteps());
        settings.put("interpolation", e.interpolation().name().toLowerCase(Locale.ROOT));
        settings.put("modelled_latency_ms", r.settings().latencyNs() / 1e6);
        settings.put("speed", r.settings().speed());
        settings.put("seed", r.settings().seed());
        settings.put("stamps", r.settings().useHeaderStamps() ? "header" : "receive");
        settings.put("safety", r.settings().safety() == null ? "open limits" : "given limits");
        settings.put("control_hz", 1e9 / r.controlPeriodNs());
        settings.put("policy_hz", 1e9 / r.actionPeriodNs());
        ObjectNode replay = root.putObject("replay");
        replay.put("ticks", r.commands().count());
        replay.put("first_tick_ns", r.firstTickNs());
        replay.put("last_tick_ns", r.lastTickNs());
        replay.put("replayed_s", r.replayedNs() / 1e9);
        replay.put("wall_s", r.wallNs() / 1e9);
        put(replay, "speed_factor", r.speedFactor());
        replay.put("recorded_actions", r.actions().count());
        replay.put("commands_sha256", commandsSha256);
        ObjectNode cmp = root.putObject("comparison");
        cmp.put("compared", m.compared());
        put(cmp, "mae", m.mae());
        put(cmp, "rmse", m.rmse());
        put(cmp, "max_abs_error", m.maxAbsError());
        ArrayNode joints = root.putArray("joints");
        for (JointMetrics j : m.joints()) {
            ObjectNode o = joints.addObject();
            o.put("joint", j.joint());
            o.put("samples", j.samples());
            put(o, "mae", j.mae());
            put(o, "rmse", j.rmse());
            put(o, "max_abs_error", j.maxAbsError());
            put(o, "largest_step", j.largestStep());
            put(o, "rms_jerk", j.rmsJerk());
            put(o, "max_abs_jerk", j.maxAbsJerk());
            put(o, "largest_seam_step", j.largestSeamStep());
        }
        ObjectNode seams = root.putObject("chunk_boundaries");
        seams.put("seam_ticks", m.seamTicks());
        put(seams, "mean_seam_step", m.meanSeamStep());
        put(seams, "largest_seam_step", m.largestSeamStep());
        put(seams, "mean_inside_step", m.meanInsideStep());
        put(seams, "largest_inside_step", m.largestInsideStep());
        ObjectNode lat = root.putObject("latency_ms");
        latency(lat, "modelled", m.modelledLatency());
        latency(lat, "inference_wall", m.inferWall());
        latency(lat, "observation_wall", m.observationWall());
        counts(root.putObject("safety_interventions"), r.safetyFaults());
        counts(root.putObject("loop"), r.loopCounters());
        counts(root.putObject("frame_faults"), r.frameFaults());
        ObjectNode ingest = root.putObject("ingest_rejected");
        r.ingest().forEach((stream, m2) -> counts(ingest.putObject(stream), m2));
        ObjectNode malformed = root.putObject("malformed");
        r.malformed().forEach(malformed::put);
        ArrayNode problems = root.putArray("problems");
        r.problems().forEach(problems::add);
        return root;
    }

    private static void counts(ObjectNode into, Map<? extends Enum<?>, Long> counts) {
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.ordinal(), b.ordinal())))
                .forEach(en -> into.put(en.getKey().name().toLowerCase(Locale.ROOT), en.getValue()));
    }

    private static void writeJson(Path file, ReplayResult r, ReplayMetrics m, String sha) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try {
            Files.writeString(file, mapper.writeValueAsString(json(r, m, sha)) + "\n");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Names of the files {@link #write} creates. */
    public static List<String> names() {
        return List.of(COMMANDS, ACTIONS, METRICS_CSV, METRICS_JSON);
    }
}
