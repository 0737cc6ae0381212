package io.chunkrt.replay.engine;

import io.chunkrt.card.ActionSemantics;
import io.chunkrt.card.CardException;
import io.chunkrt.card.ExecutionSettings;
import io.chunkrt.card.InputSpec;
import io.chunkrt.card.InputType;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.chunking.ActionInterpolator;
import io.chunkrt.chunking.ExecutorFactory;
import io.chunkrt.control.ControlLoop;
import io.chunkrt.control.LoopCounter;
import io.chunkrt.control.LoopStats;
import io.chunkrt.control.VirtualLatencyInference;
import io.chunkrt.fusion.AlignmentMode;
import io.chunkrt.fusion.CameraStream;
import io.chunkrt.fusion.FrameAssembler;
import io.chunkrt.fusion.FrameFault;
import io.chunkrt.fusion.IngestCounters;
import io.chunkrt.fusion.IngestStatus;
import io.chunkrt.fusion.JointStateStream;
import io.chunkrt.fusion.ObservationStreams;
import io.chunkrt.fusion.StreamSettings;
import io.chunkrt.fusion.image.PixelEncoding;
import io.chunkrt.policy.Policy;
import io.chunkrt.policy.onnx.OnnxPolicies;
import io.chunkrt.policy.sampling.GaussianNoise;
import io.chunkrt.replay.RecordingException;
import io.chunkrt.replay.record.ChunkArrivals;
import io.chunkrt.replay.record.LoopEventMonitor;
import io.chunkrt.replay.record.RecordedCommands;
import io.chunkrt.replay.record.RecorderChannel;
import io.chunkrt.safety.FaultCounters;
import io.chunkrt.safety.JointLimits;
import io.chunkrt.safety.SafetyConfig;
import io.chunkrt.safety.SafetyFault;
import io.chunkrt.safety.SafetyFilter;
import io.chunkrt.time.ManualClock;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Replays a recording through the pipeline that runs on the robot: its joint states and frames go into fusion's
 * streams, fusion builds the policy's observation, the policy infers ({@link VirtualLatencyInference}: on this
 * thread, visible after the modelled latency), the card's chunk executor, interpolation and the safety layer run
 * in {@link ControlLoop#tick}, and every command is logged. Time is a {@link ManualClock}: control ticks fall every
 * control period from the recording's first event, and before each tick every event recorded at or before it is
 * delivered. Open loop: the measured joints are the recorded joint states.
 *
 * <p>Deterministic: the same recording, card and settings give the same commands, bit for bit, on every run
 * (ONNX Runtime on one thread, seeded sampling noise, no wall-clock input). With {@code speed > 0} the ticks are
 * paced at that multiple of real time; pacing changes nothing but wall time.
 */
public final class ReplayEngine {
    private static final long PROGRESS_EVERY_NS = 200_000_000L;

    private ReplayEngine() {}

    /**
     * Limits so wide that the safety layer never intervenes on a policy's commands (±1000 rad, 1000 rad/s,
     * 10^6 rad/s², no soft start, no max step): replay then shows what policy and executor command.
     */
    public static SafetyConfig openLimits(List<String> joints, long observationStaleNs, long actionStaleNs) {
        List<JointLimits> limits = new ArrayList<>();
        for (String j : joints) {
            limits.add(new JointLimits(j, -1000, 1000, 1000, 1_000_000));
        }
        return new SafetyConfig(limits, Double.NaN, 0, observationStaleNs, actionStaleNs);
    }

    /** Replays without recording or progress reports. */
    public static ReplayResult run(PolicyCard card, RecordedEpisode episode, ReplaySettings settings) {
        return run(card, episode, settings, ReplayProgress.NONE, null);
    }

    /**
     * Replays {@code episode} with {@code card}.
     *
     * @param recording null, or a recording planned with {@link ReplayRecording#plan} for this episode and card, whose
     *                  recorder the caller has started (and closes afterwards)
     */
    public static ReplayResult run(PolicyCard card, RecordedEpisode episode, ReplaySettings settings, ReplayProgress progress,
            ReplayRecording recording) {
        if (card.output().semantics() == ActionSemantics.DELTA) {
            throw new CardException("card " + card.displayName() + " has output.semantics delta; the control loop commands absolute"
                    + " positions, so replay (like the live loop) needs semantics absolute");
        }
        EpisodeLayout layout = episode.layout();
        try (Policy policy = OnnxPolicies.open(card, OnnxPolicies.Options.defaults().withThreads(1).withNoise(new GaussianNoise(settings.seed())))) {
            return new Run(card, episode, layout, settings, policy, progress, recording).replay();
        }
    }

    /** One replay's wiring and state; its loop runs on the calling thread. */
    private static final class Run implements EpisodeReceiver {
        private final PolicyCard card;
        private final RecordedEpisode episode;
        private final EpisodeLayout layout;
        private final ReplaySettings settings;
        private final ReplayProgress progress;
        private final ReplayRecording recording;
        private final RecorderChannel channel;
        private final JointStateStream[] jointStreams;
        private final CameraStream[] cameraStreams;
        private final JointOrder[] recordOrders;
        private final double[] recordPositions;
        private final FrameAssembler assembler;
        private final RecordedJoints measured;
        private final int[] actionToOutput;
        private final double[] actionValues;
        private final ActionLog actions;
        private final CommandLog commands;
        private final LoopStats stats = new LoopStats();
        private final Histogram inferWallNs = new Histogram(60_000_000_000L, 3);
        private final Histogram observationWallNs = new Histogram(60_000_000_000L, 3);
        private final ManualClock clock;
        private final SafetyFilter safety;
        private final ControlLoop loop;
        private final LoopEventMonitor monitor;
        private final Map<String, Long> malformed = new LinkedHashMap<>();

        Run(PolicyCard card, RecordedEpisode episode, EpisodeLayout layout, ReplaySettings settings, Policy policy, ReplayProgress progress,
                ReplayRecording recording) {
            this.card = card;
            this.episode = episode;
            this.layout = layout;
            this.settings = settings;
            this.progress = progress;
            this.recording = recording;
            this.channel = recording == null ? null : recording.channel();
            List<String> commanded = card.output().joints();
            int nObs = card.nObsSteps();

            Set<String> cameraNames = new HashSet<>();
            for (InputSpec in : card.inputs()) {
                if (in.type() == InputType.IMAGE) {
                    cameraNames.add(in.camera());
                }
            }
            ObservationStreams.Builder streams = ObservationStreams.builder();
            int maxNames = 1;
            for (EpisodeLayout.JointSource s : layout.jointStreams()) {
                long stale = Math.max(settings.observationStaleNs(), 3 * s.periodNs());
                streams.jointStates(s.name(), s.joints(), StreamSettings.of(Math.max(16, 2 * (nObs + 1)), stale));
                maxNames = Math.max(maxNames, s.joints().size());
            }
            for (EpisodeLayout.CameraSource c : layout.cameras()) {
                if (cameraNames.contains(c.name())) {
                    long stale = Math.max(settings.observationStaleNs(), 3 * c.periodNs());
                    streams.camera(c.name(), c.width(), c.height(), StreamSettings.of(Math.max(4, nObs + 2), stale));
                }
            }
            if (layout.jointStreams().isEmpty()) {
                throw new RecordingException(layout.description() + " has no joint states; replay needs the robot's measured joints ("
                        + commanded + ")");
            }
            ObservationStreams built = streams.build();
            this.jointStreams = new JointStateStream[layout.jointStreams().size()];
            this.recordOrders = new JointOrder[jointStreams.length];
            for (int i = 0; i < jointStreams.length; i++) {
                jointStreams[i] = built.jointStates(layout.jointStreams().get(i).name());
                recordOrders[i] = new JointOrder(layout.jointStreams().get(i).joints(), 256);
            }
            this.recordPositions = new double[Math.max(maxNames, commanded.size())];
            this.cameraStreams = new CameraStream[layout.cameras().size()];
            for (int i = 0; i < cameraStreams.length; i++) {
                String name = layout.cameras().get(i).name();
                cameraStreams[i] = cameraNames.contains(name) ? built.camera(name) : null;
            }
            this.assembler = new FrameAssembler(card, built, AlignmentMode.ALIGNED);

            Set<String> recordedJoints = new HashSet<>();
            layout.jointStreams().forEach(s -> recordedJoints.addAll(s.joints()));
            for (String j : commanded) {
                if (!recordedJoints.contains(j)) {
                    throw new RecordingException("card " + card.displayName() + " commands joint '" + j + "' but " + layout.description()
                            + " records no position for it (its joint states hold " + recordedJoints.stream().sorted().toList()
                            + "); replay compares commands open loop against the recorded joints, so every commanded joint must be recorded");
                }
            }
            this.measured = new RecordedJoints(commanded, Math.max(256, maxNames));

            List<String> actionJoints = layout.actionJoints();
            this.actionToOutput = new int[actionJoints.size()];
            int matched = 0;
            for (int i = 0; i < actionToOutput.length; i++) {
                actionToOutput[i] = commanded.indexOf(actionJoints.get(i));
                matched += actionToOutput[i] >= 0 ? 1 : 0;
            }
            if (!actionJoints.isEmpty() && matched == 0) {
                throw new RecordingException(layout.description() + " records actions for " + actionJoints + " but card " + card.displayName()
                        + " commands " + commanded + "; no joint is in both, so commands cannot be compared: map the recording's actions to"
                        + " the card's output joints");
            }
            this.actionValues = new double[commanded.size()];
            long period = card.rates().controlPeriodNs();
            int expectedTicks = (int) Math.min(Integer.MAX_VALUE - 16, layout.durationNs() / period + 2);
            this.actions = new ActionLog(commanded, expectedTicks);
            this.commands = new CommandLog(commanded, expectedTicks);

            this.clock = new ManualClock(layout.startNs());
            FusedObservation observation = new FusedObservation(assembler, observationWallNs);
            Policy timed = new TimedPolicy(policy, inferWallNs);
            ChunkArrivals inference = new ChunkArrivals(new VirtualLatencyInference(timed, observation, clock, stats, settings.latencyNs(),
                    settings.latencyNs()));
            SafetyConfig safetyConfig = settings.safety() != null ? settings.safety()
                    : openLimits(commanded, settings.observationStaleNs(), settings.actionStaleNs());
            List<String> limited = safetyConfig.joints().stream().map(JointLimits::joint).toList();
            if (!limited.equals(commanded)) {
                throw new CardException("the safety limits are for " + limited + " but card " + card.displayName() + " commands " + commanded
                        + "; give limits for exactly the commanded joints, in the card's order");
            }
            this.safety = new SafetyFilter(safetyConfig, period);
            ExecutionSettings execution = settings.execution();
            int prefixSteps = execution.prefixConditioning() ? card.output().horizon() / 2 : 0;
            this.loop = new ControlLoop(ExecutorFactory.create(card, execution), new ActionInterpolator(execution.interpolation(), commanded.size()),
                    safety, measured, channel == null ? commands : new RecordedCommands(commands, channel, recording.commandTopic()), inference, stats,
                    card.output().horizon(), commanded.size(), card.rates().policyPeriodNs(), safetyConfig.observationStaleNs(),
                    safetyConfig.actionStaleNs(), prefixSteps);
            this.monitor = channel == null ? null : new LoopEventMonitor(channel, stats, safety.faults(), inference, assembler);
        }

        ReplayResult replay() {
            long period = card.rates().controlPeriodNs();
            long t0 = layout.startNs();
            long wallStart = System.nanoTime();
            long nextProgress = wallStart + PROGRESS_EVERY_NS;
            long lastEventNs = Long.MIN_VALUE;
            long firstTick = Long.MIN_VALUE;
            long lastTick = Long.MIN_VALUE;
            FaultCounters faults = safety.faults();
            for (long k = 0; ; k++) {
                long now = t0 + k * period;
                long next = episode.peekTimeNs();
                if (now > layout.endNs() || (next == Long.MAX_VALUE && now > lastEventNs)) {
                    break;
                }
                while (next <= now) {
                    if (channel != null) {
                        channel.awaitRoom(channel.maxPayloadBytes() / 2);
                    }
                    episode.next(this);
                    lastEventNs = next;
                    next = episode.peekTimeNs();
                }
                if (settings.speed() > 0) {
                    pace(wallStart + (long) ((now - t0) / settings.speed()));
                }
                long before = commands.count();
                long accepted = stats.get(LoopCounter.CHUNKS_ACCEPTED);
                long holds = stats.get(LoopCounter.HOLD_TICKS);
                long interventions = faults.total();
                clock.set(now);
                loop.tick(now);
                if (commands.count() > before) {
                    firstTick = firstTick == Long.MIN_VALUE ? now : firstTick;
                    lastTick = now;
                    commands.flag((stats.get(LoopCounter.CHUNKS_ACCEPTED) != accepted ? CommandLog.CHUNK : 0)
                            | (stats.get(LoopCounter.HOLD_TICKS) != holds ? CommandLog.HOLD : 0)
                            | (faults.total() != interventions ? CommandLog.SAFETY : 0));
                }
                if (monitor != null) {
                    monitor.afterTick(now);
                }
                long wall = System.nanoTime();
                if (wall - nextProgress >= 0) {
                    progress.update(now - t0, layout.durationNs(), wall - wallStart);
                    nextProgress = wall + PROGRESS_EVERY_NS;
                }
            }
            long wallNs = System.nanoTime() - wallStart;
            progress.update(lastTick == Long.MIN_VALUE ? 0 : lastTick - t0, layout.durationNs(), wallNs);
            return result(firstTick, lastTick, wallNs);
        }

        private static void pace(long wallTargetNs) {
            long wait;
            while ((wait = wallTargetNs - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000));
            }
        }

        private ReplayResult result(long firstTick, long lastTick, long wallNs) {
            Map<LoopCounter, Long> counters = new EnumMap<>(LoopCounter.class);
            for (LoopCounter c : LoopCounter.values()) {
                counters.put(c, stats.get(c));
            }
            Map<SafetyFault, Long> safetyFaults = new EnumMap<>(SafetyFault.class);
            for (SafetyFault f : SafetyFault.values()) {
                safetyFaults.put(f, safety.faults().get(f));
            }
            Map<FrameFault, Long> frameFaults = new EnumMap<>(FrameFault.class);
            for (FrameFault f : FrameFault.values()) {
                frameFaults.put(f, assembler.faults(f));
            }
            Map<String, Map<IngestStatus, Long>> ingest = new LinkedHashMap<>();
            for (int i = 0; i < jointStreams.length; i++) {
                rejected(ingest, jointStreams[i].name(), jointStreams[i].counters());
            }
            for (CameraStream c : cameraStreams) {
                if (c != null) {
                    rejected(ingest, c.name(), c.counters());
                }
            }
            return new ReplayResult(card.displayName(), layout, settings, card.rates().controlPeriodNs(), card.rates().policyPeriodNs(), commands,
                    actions, stats.totals().inferenceLatencyNs(), inferWallNs, observationWallNs, counters, safetyFaults, frameFaults, ingest,
                    malformed, episode.problems(), firstTick == Long.MIN_VALUE ? layout.startNs() : firstTick,
                    lastTick == Long.MIN_VALUE ? layout.startNs() : lastTick, wallNs);
        }

        private static void rejected(Map<String, Map<IngestStatus, Long>> into, String stream, IngestCounters counters) {
            Map<IngestStatus, Long> m = new EnumMap<>(IngestStatus.class);
            for (IngestStatus s : IngestStatus.values()) {
                long n = counters.count(s);
                if (s != IngestStatus.ACCEPTED && n > 0) {
                    m.put(s, n);
                }
            }
            if (!m.isEmpty()) {
                into.put(stream, m);
            }
        }

        /** The stamp fusion aligns on: the header stamp, or 0 (fusion then uses the receive time) with --stamps receive. */
        private long sampleTime(long stampNs) {
            return settings.useHeaderStamps() ? stampNs : 0;
        }

        @Override
        public void jointState(int stream, long stampNs, long receiveNs, String[] names, int count, double[] positions) {
            jointStreams[stream].offer(sampleTime(stampNs), receiveNs, names, count, positions, count);
            measured.offer(names, count, positions, receiveNs);
            if (channel != null) {
                JointOrder order = recordOrders[stream];
                order.resolve(names, count);
                for (int j = 0; j < order.size(); j++) {
                    int i = order.messageIndex(j);
                    recordPositions[j] = i >= 0 ? positions[i] : Double.NaN;
                }
                channel.jointState(recording.jointTopic(stream), receiveNs, stampNs == 0 ? receiveNs : stampNs, recordPositions, order.size());
            }
        }

        @Override
        public void image(int camera, long stampNs, long receiveNs, PixelEncoding encoding, int width, int height, int stepBytes, boolean bigEndian,
                ByteBuffer data) {
            CameraStream c = cameraStreams[camera];
            if (c != null) {
                c.offer(sampleTime(stampNs), receiveNs, encoding, width, height, stepBytes, bigEndian, data);
            }
            if (channel != null && recording.cameraTopic(camera) >= 0) {
                channel.image(recording.cameraTopic(camera), receiveNs, stampNs == 0 ? receiveNs : stampNs, encoding, width, height, stepBytes,
                        bigEndian, data);
            }
        }

        @Override
        public void compressedImage(int camera, long stampNs, long receiveNs, ByteBuffer data) {
            CameraStream c = cameraStreams[camera];
            if (c != null) {
                c.offerCompressed(sampleTime(stampNs), receiveNs, data);
            }
            if (channel != null && recording.compressedTopic(camera) >= 0) {
                channel.compressedImage(recording.compressedTopic(camera), receiveNs, stampNs == 0 ? receiveNs : stampNs, data);
            }
        }

        @Override
        public void action(long stampNs, long receiveNs, double[] values, int count) {
            java.util.Arrays.fill(actionValues, Double.NaN);
            for (int i = 0; i < Math.min(count, actionToOutput.length); i++) {
                if (actionToOutput[i] >= 0) {
                    actionValues[actionToOutput[i]] = values[i];
                }
            }
            long t = settings.useHeaderStamps() && stampNs != 0 ? stampNs : receiveNs;
            actions.add(t, actionValues, actionValues.length);
            if (channel != null) {
                channel.jointState(recording.actionTopic(), receiveNs, t, actionValues, actionValues.length);
            }
        }

        @Override
        public void malformed(String topic, long receiveNs, String reason) {
            malformed.merge(topic + ": " + reason, 1L, Long::sum);
        }
    }
}
