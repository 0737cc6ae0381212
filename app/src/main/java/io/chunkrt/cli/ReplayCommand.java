package io.chunkrt.cli;

import io.chunkrt.card.CardException;
import io.chunkrt.card.CardLoader;
import io.chunkrt.card.ExecutionSettings;
import io.chunkrt.card.ExecutorKind;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.chunking.Interpolation;
import io.chunkrt.control.LoopCounter;
import io.chunkrt.replay.bag.Rosbag2Writer;
import io.chunkrt.replay.engine.ReplayEngine;
import io.chunkrt.replay.engine.ReplayProgress;
import io.chunkrt.replay.engine.ReplayRecording;
import io.chunkrt.replay.engine.ReplayResult;
import io.chunkrt.replay.engine.ReplaySettings;
import io.chunkrt.replay.engine.SafetyLimitsFile;
import io.chunkrt.replay.metrics.ReplayFiles;
import io.chunkrt.replay.metrics.ReplayMetrics;
import io.chunkrt.replay.record.FlightRecorder;
import io.chunkrt.replay.report.HtmlReport;
import io.chunkrt.ros.record.BagFlightLog;
import io.chunkrt.safety.SafetyConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chunkrt replay}: a recorded episode through the real pipeline on a virtual clock, with metrics and a report. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a recorded episode (rosbag2 bag, LeRobot v3 dataset or ACT/ALOHA HDF5 episode) through fusion, the policy,"
                + " the chunk executor and the safety layer on a virtual clock, compare the commands with the recorded actions (open loop)"
                + " and write metrics.json, metrics.csv, commands.csv, recorded_actions.csv and report.html into --out.",
                "Exit status 0, or 2 with one line on stderr for bad input; a damaged recording is replayed up to the damage, its files are"
                        + " written, and the status is 2."})
final class ReplayCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RECORDING", description = "a rosbag2 bag (folder, .db3 or .mcap), a LeRobot v3 dataset folder or an episode .hdf5")
    Path recording;

    @Option(names = "--card", required = true, description = "the policy card")
    Path card;

    @Option(names = "--out", required = true, description = "folder for the metrics and the report (created)")
    Path out;

    @Option(names = "--episode", defaultValue = "0", description = "LeRobot dataset: the episode index (default ${DEFAULT-VALUE})")
    int episode;

    @Option(names = "--speed", defaultValue = "0", description = "0: as fast as possible (default); k: paced at k x real time")
    double speed;

    @Option(names = "--record", paramLabel = "BAG_DIR", description = "also write a flight recording (rosbag2 MCAP bag) of the inputs, commands and decisions")
    Path record;

    @Option(names = "--latency-ms", defaultValue = "0", description = "modelled inference latency on the replay clock (default ${DEFAULT-VALUE}: the"
            + " chunk is usable at the next control tick)")
    double latencyMs;

    @Option(names = "--executor", description = "override the card's executor: ${COMPLETION-CANDIDATES}")
    ExecutorKind executor;

    @Option(names = "--interpolation", description = "override the card's interpolation: ${COMPLETION-CANDIDATES}")
    Interpolation interpolation;

    @Option(names = "--n-action-steps", description = "override the card's n_action_steps")
    Integer nActionSteps;

    @Option(names = "--safety", paramLabel = "LIMITS_YAML", description = "the robot's safety limits (default: open limits, the safety layer never"
            + " intervenes)")
    Path safety;

    @Option(names = "--seed", defaultValue = "0", description = "sampling noise seed for diffusion and flow policies (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--stamps", defaultValue = "header", description = "align samples on their header stamps (header, as live) or on their receive"
            + " times (receive)")
    String stamps;

    @Option(names = "--fps", defaultValue = "50", description = "HDF5 episodes: frame rate (default ${DEFAULT-VALUE}, ALOHA's)")
    double fps;

    @Option(names = "--camera", paramLabel = "CARD=HDF5", description = "HDF5 episodes: read the card's camera from another HDF5 camera, e.g. wrist=left_wrist")
    Map<String, String> hdf5Cameras = new LinkedHashMap<>();

    @Option(names = "--camera-topic", paramLabel = "CARD=TOPIC", description = "bags: the image topic of a card camera, e.g. top=/cam_high/image_raw")
    Map<String, String> cameraTopics = new LinkedHashMap<>();

    @Option(names = "--action-topic", description = "bags: the recorded actions' topic (JointState, Float64MultiArray or JointTrajectory); 'none' to"
            + " compare nothing (default: /chunkrt/recorded_action, else the only command topic, else a JointState topic named *action* or"
            + " *leader*)")
    String actionTopic;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        PolicyCard loaded = CardLoader.load(card);
        ReplaySettings settings = settings(loaded);
        ReplaySource.Choices choices = new ReplaySource.Choices(episode, fps, hdf5Cameras, cameraTopics,
                actionTopic == null ? null : actionTopic.equals("none") ? "" : actionTopic);
        ReplayResult result;
        long recorded = -1;
        try (ReplaySource source = ReplaySource.open(recording, loaded, choices)) {
            stdout.printf("replay: %s with %s (%s executor, n_action_steps %d, %s interpolation), modelled latency %s ms%n",
                    source.layout().description(), loaded.displayName(), lower(settings.execution().executor()),
                    settings.execution().nActionSteps(), lower(settings.execution().interpolation()), trim(latencyMs));
            stdout.flush();
            ReplayProgress progress = System.console() != null ? new ProgressBar(stderr) : ReplayProgress.NONE;
            if (record != null) {
                BagFlightLog bag = new BagFlightLog(record, Rosbag2Writer.Options.defaults());
                ReplayRecording plan = ReplayRecording.plan(source.layout(), loaded);
                FlightRecorder recorder = plan.start(bag);
                try {
                    result = ReplayEngine.run(loaded, source, settings, progress, plan);
                } finally {
                    recorder.close();
                }
                recorded = recorder.delivered();
            } else {
                result = ReplayEngine.run(loaded, source, settings, progress, null);
            }
            if (progress instanceof ProgressBar bar) {
                bar.finish();
            }
        }
        ReplayMetrics metrics = ReplayMetrics.of(result);
        String sha = ReplayFiles.write(out, result, metrics);
        Path report = HtmlReport.write(out, result, metrics, sha);
        print(stdout, result, metrics);
        stdout.printf("wrote %s: %s, %s%n", out, String.join(", ", ReplayFiles.names()), report.getFileName());
        if (recorded >= 0) {
            stdout.printf("flight recording: %s (%d messages)%n", record, recorded);
        }
        stdout.flush();
        List<String> problems = result.problems();
        if (!problems.isEmpty()) {
            stderr.println("chunkrt: " + problems.getFirst() + "; the metrics and the report cover the replay up to the damage"
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more damaged files)" : ""));
            stderr.flush();
            return UserErrorHandler.BAD_INPUT;
        }
        return 0;
    }

    private ReplaySettings settings(PolicyCard loaded) {
        ExecutionSettings execution = loaded.execution();
        if (executor != null) {
            execution = execution.withExecutor(executor);
        }
        if (interpolation != null) {
            execution = execution.withInterpolation(interpolation);
        }
        if (nActionSteps != null) {
            execution = new ExecutionSettings(execution.executor(), nActionSteps, execution.temporalEnsembleCoeff(), execution.interpolation(),
                    execution.chunkSizeThreshold(), execution.aggregate(), execution.blendWindow(), execution.executionLatencyS(),
                    execution.actionOffset(), execution.prefixConditioning());
        }
        if (!stamps.equals("header") && !stamps.equals("receive")) {
            throw new CardException("--stamps is '" + stamps + "'; use header (align on header stamps, as live) or receive (on receive times)");
        }
        if (!(latencyMs >= 0) || Double.isInfinite(latencyMs)) {
            throw new CardException("--latency-ms is " + latencyMs + "; give a latency >= 0 ms");
        }
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new CardException("--speed is " + speed + "; give 0 (as fast as possible) or a factor of real time > 0");
        }
        ReplaySettings s = ReplaySettings.defaults(execution).withLatencyNs(Math.round(latencyMs * 1e6)).withSpeed(speed).withSeed(seed)
                .withHeaderStamps(stamps.equals("header"));
        if (safety != null) {
            SafetyConfig limits = SafetyLimitsFile.load(safety, loaded.output().joints());
            s = new ReplaySettings(s.execution(), limits, s.latencyNs(), s.speed(), s.seed(), s.useHeaderStamps(), limits.observationStaleNs(),
                    limits.actionStaleNs());
        }
        return s;
    }

    private static void print(PrintWriter out, ReplayResult r, ReplayMetrics m) {
        long interventions = r.safetyFaults().values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "replayed %.2f s in %.2f s (%.1fx real time): %d commands, %d chunks, %d hold ticks, %d safety interventions%n",
                r.replayedNs() / 1e9, r.wallNs() / 1e9, r.speedFactor(), r.commands().count(), r.loopCounters().get(LoopCounter.CHUNKS_ACCEPTED),
                r.loopCounters().get(LoopCounter.HOLD_TICKS), interventions);
        if (m.compared() > 0) {
            out.printf(Locale.ROOT, "vs %d recorded actions: MAE %.3g, RMSE %.3g, max |error| %.3g%n", m.compared(), m.mae(), m.rmse(), m.maxAbsError());
        } else {
            out.println("no recorded actions to compare with");
        }
        out.printf(Locale.ROOT, "inference (wall): p50 %.3f ms, p99 %.3f ms over %d; largest command step at a chunk boundary %s, elsewhere %s%n",
                m.inferWall().p50Ms(), m.inferWall().p99Ms(), m.inferWall().count(), g(m.largestSeamStep()), g(m.largestInsideStep()));
    }

    private static String g(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "n/a";
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** A one-line progress bar on stderr, redrawn in place; only when attached to a terminal. */
    static final class ProgressBar implements ReplayProgress {
        private final PrintWriter err;
        private boolean drawn;

        ProgressBar(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void update(long replayedNs, long totalNs, long wallNs) {
            double f = totalNs <= 0 ? 1 : Math.min(1, (double) replayedNs / totalNs);
            int filled = (int) Math.round(f * 30);
            err.printf(Locale.ROOT, "\r[%s%s] %3.0f%%  %.1f / %.1f s  %.1fx ", "#".repeat(filled), ".".repeat(30 - filled), f * 100, replayedNs / 1e9,
                    totalNs / 1e9, wallNs <= 0 ? 0 : (double) replayedNs / wallNs);
            err.flush();
            drawn = true;
        }

        void finish() {
            if (drawn) {
                err.println();
                err.flush();
            }
        }
    }
}
