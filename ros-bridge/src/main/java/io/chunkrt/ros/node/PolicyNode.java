package io.chunkrt.ros.node;

import io.chunkrt.card.CardLoader;
import io.chunkrt.card.InputSpec;
import io.chunkrt.card.InputType;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.chunking.ActionInterpolator;
import io.chunkrt.chunking.ChunkExecutor;
import io.chunkrt.chunking.ExecutorFactory;
import io.chunkrt.control.ControlLoop;
import io.chunkrt.control.DoubleSnapshot;
import io.chunkrt.control.FixedRateRunner;
import io.chunkrt.control.InferenceService;
import io.chunkrt.control.LoopStats;
import io.chunkrt.control.ThreadedInference;
import io.chunkrt.fusion.AlignmentMode;
import io.chunkrt.fusion.FrameAssembler;
import io.chunkrt.fusion.ObservationStreams;
import io.chunkrt.fusion.StreamSettings;
import io.chunkrt.policy.ActionChunk;
import io.chunkrt.policy.Policy;
import io.chunkrt.policy.onnx.OnnxPolicies;
import io.chunkrt.replay.RecordingException;
import io.chunkrt.replay.record.ChunkArrivals;
import io.chunkrt.replay.record.LoopEventMonitor;
import io.chunkrt.ros.dds.CycloneTransport;
import io.chunkrt.ros.dds.DdsSettings;
import io.chunkrt.ros.msg.BoolCodec;
import io.chunkrt.ros.msg.BoolMessage;
import io.chunkrt.ros.msg.CompressedImageCodec;
import io.chunkrt.ros.msg.CompressedImageMessage;
import io.chunkrt.ros.msg.DiagnosticArrayCodec;
import io.chunkrt.ros.msg.ImageCodec;
import io.chunkrt.ros.msg.ImageMessage;
import io.chunkrt.ros.msg.JointStateCodec;
import io.chunkrt.ros.msg.JointStateMessage;
import io.chunkrt.ros.params.CameraInput;
import io.chunkrt.ros.params.CommandOutput;
import io.chunkrt.ros.params.NodeLaunch;
import io.chunkrt.ros.params.NodeParameters;
import io.chunkrt.ros.params.ParameterException;
import io.chunkrt.ros.params.QosOverride;
import io.chunkrt.ros.transport.MessageSubscription;
import io.chunkrt.ros.transport.OutboundRing;
import io.chunkrt.ros.transport.PublisherThread;
import io.chunkrt.ros.transport.QosProfile;
import io.chunkrt.ros.transport.ReceiveWaitSet;
import io.chunkrt.ros.transport.RosPublisher;
import io.chunkrt.ros.transport.RosSubscription;
import io.chunkrt.ros.transport.TransportDiagnostics;
import io.chunkrt.safety.SafetyConfig;
import io.chunkrt.safety.SafetyFilter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ChunkRT ROS 2 node ({@code chunkrt run}): joint-state and camera topics feed observation fusion on receive
 * threads; the policy runs on its inference thread on fused frames; the control thread runs the chunk executor,
 * interpolation and safety layer at the control rate and hands commands to the publisher thread; the operator's
 * {@code ~/enable} and {@code ~/estop} gate the commands; {@code /diagnostics} goes out from its own thread.
 *
 * <pre>
 * chunkrt-rx-joints        JointStateFeed x topics  --> fusion JointStateStream + measured snapshot
 *                          OperatorInputs           --> ControlLoop.enabled / resetEstop, SafetyFilter.requestEstop
 * chunkrt-rx-camera-NAME   CameraFeed               --> fusion CameraStream
 * chunkrt-inference        ThreadedInference        <-- FrameAssembler.build (FusionObservation)
 * chunkrt-control          FixedRateRunner: ControlLoop.tick --> ControllerCommands --> OutboundRing per controller
 * chunkrt-publisher        PublisherThread: rings --> DDS writers (commands, /diagnostics)
 * chunkrt-diagnostics      NodeDiagnostics --> /diagnostics ring
 * </pre>
 *
 * <p>Start-up ({@link #start()}) loads the card, opens the policy and warms it up, joins DDS, creates every
 * endpoint, then waits for the first message on every joint-state topic to learn which topic carries which
 * joints ({@link JointStateLayout}) before it builds fusion and starts the threads. Everything the hot paths use
 * is allocated there. {@link #close()} (any thread, e.g. a shutdown hook) stops the threads in order — control,
 * inference, receivers, diagnostics — tells trajectory controllers to hold, publishes what is queued and leaves
 * the ROS graph.
 */
public final class PolicyNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyNode.class);
    private static final int MAX_JOINTS = 256;
    private static final int JOINT_STATE_BYTES = 64 * 1024;
    private static final int OPERATOR_BYTES = 64;
    private static final int COMMAND_SLOTS = 16;
    private static final int DIAGNOSTICS_BYTES = 512 * 1024;
    private static final long WAIT_STEP_NS = 100_000_000L;
    private static final long WAIT_LOG_NS = 5_000_000_000L;
    private static final long SPIN_NS = 200_000L;
    private static final int WARM_UP_RUNS = 3;
    private static final int WARM_UP_TICKS = 20_000;
    /** Assumed fastest rates when sizing fusion rings (1 kHz joint states, 60 fps cameras). */
    private static final double MAX_JOINT_STATE_HZ = 1000;
    private static final double MAX_CAMERA_HZ = 60;

    private final NodeLaunch launch;
    private final NodeParameters params;
    private final Map<String, String> env;
    private final EpochClock clock = new EpochClock();
    private final LoopStats stats = new LoopStats();
    private final Object lifecycle = new Object();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean closing;

    private PolicyCard card;
    private Policy policy;
    private CycloneTransport transport;
    private PublisherThread publisher;
    private final List<ReceiveThread> receivers = new ArrayList<>();
    private ThreadedInference inference;
    private FixedRateRunner runner;
    private NodeDiagnostics diagnostics;
    private ControlLoop loop;
    private ControllerCommands commands;
    private OperatorInputs operator;
    private FrameAssembler assembler;
    private final List<JointStateFeed> jointFeeds = new ArrayList<>();
    private final List<CameraFeed> cameraFeeds = new ArrayList<>();
    private final List<OutboundRing> commandRings = new ArrayList<>();
    private double controlHz;
    private boolean running;
    private NodeRecording recording;
    private volatile String recordingFailure;

    /** Nothing happens until {@link #start()}. @param env the process environment (ROS_DOMAIN_ID, CYCLONEDDS_URI, ...) */
    public PolicyNode(NodeLaunch launch, Map<String, String> env) {
        this.launch = launch;
        this.params = launch.parameters();
        this.env = Map.copyOf(env);
    }

    /**
     * Starts the node; returns once commands can flow (or false when {@link #close()} was called meanwhile).
     * Configuration mistakes throw {@link ParameterException} (or the card's, fusion's or the transport's
     * exception) with one line naming the fix; the caller then closes the node.
     */
    public boolean start() {
        synchronized (lifecycle) {
            if (closing) {
                return false;
            }
            card = CardLoader.load(params.policyCard());
            for (String note : params.requireFits(card)) {
                LOG.info(note);
            }
            List<CameraInput> cameras = camerasRead(card);
            controlHz = Double.isNaN(params.controlHz()) ? card.rates().controlHz() : params.controlHz();
            long controlPeriodNs = Math.round(1e9 / controlHz);
            SafetyConfig safetyConfig = params.safety().toConfig(card.output().joints(), params.staleAfterNs());

            policy = OnnxPolicies.open(card, OnnxPolicies.Options.defaults().withThreads(1));
            warmUp(policy);
            ControlPathWarmUp.run(card, safetyConfig, controlPeriodNs, WARM_UP_TICKS);

            DdsSettings fromEnv;
            try {
                fromEnv = DdsSettings.fromEnvironment(env, params.distro());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(e.getMessage()); // ROS_DOMAIN_ID or ROS_AUTOMATIC_DISCOVERY_RANGE out of range: the user's to fix
            }
            transport = CycloneTransport.open(new DdsSettings(fromEnv.domainId(), fromEnv.configXml(), fromEnv.distro(), launch.enclave()),
                    launch.node(), launch.remaps());
            TransportDiagnostics transportDiagnostics = new TransportDiagnostics(launch.node().fullyQualifiedName());

            List<MessageSubscription<JointStateMessage>> jointSubscriptions = new ArrayList<>();
            List<JointStateMessage> jointMessages = new ArrayList<>();
            for (String topic : params.jointStateTopics()) {
                RosSubscription s = transport.createSubscription(topic, JointStateCodec.TYPE, subscriptionQos(topic, QosProfile.SENSOR_DATA), JOINT_STATE_BYTES);
                MessageSubscription<JointStateMessage> m = new MessageSubscription<>(s, JointStateCodec.INSTANCE);
                jointSubscriptions.add(m);
                jointMessages.add(new JointStateMessage(MAX_JOINTS));
                transportDiagnostics.watch(m);
            }
            List<RosSubscription> cameraSubscriptions = new ArrayList<>();
            for (CameraInput c : cameras) {
                cameraSubscriptions.add(transport.createSubscription(c.topic(), c.type(), subscriptionQos(c.topic(), QosProfile.SENSOR_DATA.withDepth(2)),
                        c.maxSampleBytes()));
            }
            MessageSubscription<BoolMessage> enable = new MessageSubscription<>(transport.createSubscription("~/enable", BoolCodec.TYPE,
                    subscriptionQos("~/enable", QosProfile.DEFAULT), OPERATOR_BYTES), BoolCodec.INSTANCE);
            MessageSubscription<BoolMessage> estop = new MessageSubscription<>(transport.createSubscription("~/estop", BoolCodec.TYPE,
                    subscriptionQos("~/estop", QosProfile.DEFAULT), OPERATOR_BYTES), BoolCodec.INSTANCE);
            transportDiagnostics.watch(enable);
            transportDiagnostics.watch(estop);

            publisher = new PublisherThread("chunkrt-publisher");
            for (CommandOutput c : params.commands()) {
                RosPublisher p = transport.createPublisher(c.topic(), c.type(), publisherQos(c.topic(), QosProfile.COMMANDS));
                OutboundRing ring = publisher.register(p, COMMAND_SLOTS, commandSlotBytes(c));
                commandRings.add(ring);
                transportDiagnostics.watch(ring, p);
            }
            RosPublisher diagnosticsPublisher = transport.createPublisher("/diagnostics", DiagnosticArrayCodec.TYPE, publisherQos("/diagnostics", QosProfile.DEFAULT));
            OutboundRing diagnosticsRing = publisher.register(diagnosticsPublisher, 2, DIAGNOSTICS_BYTES);
            transportDiagnostics.watch(diagnosticsRing, diagnosticsPublisher);
            publisher.start();

            List<List<String>> firstNames = awaitFirstJointStates(jointSubscriptions, jointMessages);
            if (firstNames == null) {
                return false;
            }
            JointStateLayout layout = JointStateLayout.assign(params.jointStateTopics(), firstNames, stateJoints(card), card.output().joints());

            long stepNs = card.rates().policyPeriodNs();
            int steps = card.nObsSteps();
            ObservationStreams.Builder builder = ObservationStreams.builder();
            int jointDepth = (int) Math.min(4096, Math.max(64, Math.ceil((steps - 1) * stepNs * 1e-9 * MAX_JOINT_STATE_HZ) + 16));
            int cameraDepth = (int) Math.max(steps + 2, Math.ceil((steps - 1) * stepNs * 1e-9 * MAX_CAMERA_HZ) + 3);
            for (JointStateLayout.TopicJoints t : layout.topics()) {
                if (!t.stateJoints().isEmpty()) {
                    builder.jointStates(t.topic(), t.stateJoints(), StreamSettings.of(jointDepth, params.staleAfterNs()));
                }
            }
            for (CameraInput c : cameras) {
                builder.camera(c.name(), c.width(), c.height(), StreamSettings.of(cameraDepth, c.staleAfterNs()));
            }
            ObservationStreams streams = builder.build();
            assembler = new FrameAssembler(card, streams, AlignmentMode.ALIGNED);

            boolean headerStamps = !params.useSimTime();
            if (!headerStamps) {
                LOG.info("use_sim_time is true: header stamps are simulation time, which this node does not follow; samples are aligned by receive time");
            }
            List<DoubleSnapshot> snapshots = new ArrayList<>();
            List<List<String>> measuredJoints = new ArrayList<>();
            for (int t = 0; t < layout.topics().size(); t++) {
                JointStateLayout.TopicJoints tj = layout.topics().get(t);
                JointStateFeed feed = new JointStateFeed(tj.topic(), jointSubscriptions.get(t), jointMessages.get(t), clock, headerStamps,
                        tj.stateJoints().isEmpty() ? null : streams.jointStates(tj.topic()), tj.measuredJoints());
                jointFeeds.add(feed);
                snapshots.add(feed.measured());
                measuredJoints.add(tj.measuredJoints());
            }
            for (int i = 0; i < cameras.size(); i++) {
                CameraInput c = cameras.get(i);
                RosSubscription s = cameraSubscriptions.get(i);
                CameraFeed feed = switch (c.transport()) {
                    case RAW -> new CameraFeed.Raw(c, new MessageSubscription<>(s, ImageCodec.INSTANCE), streams.camera(c.name()), clock, headerStamps);
                    case COMPRESSED -> new CameraFeed.Compressed(c, new MessageSubscription<>(s, CompressedImageCodec.INSTANCE), streams.camera(c.name()), clock,
                            headerStamps);
                };
                cameraFeeds.add(feed);
                transportDiagnostics.watch(feed.subscription());
            }

            int dim = card.output().actionDim();
            int horizon = card.output().horizon();
            ChunkExecutor executor = ExecutorFactory.create(card, card.execution());
            SafetyFilter safety = new SafetyFilter(safetyConfig, controlPeriodNs);
            inference = new ThreadedInference(policy, new FusionObservation(assembler), clock, stats);
            ChunkArrivals arrivals = null;
            InferenceService loopInference = inference;
            if (params.record() != null) {
                recording = new NodeRecording(params.record(), params.distro(), params.jointStateTopics(), cameras, "~/enable", "~/estop", params.commands(),
                        transport::resolveTopic);
                arrivals = new ChunkArrivals(inference);
                loopInference = arrivals;
            }
            commands = new ControllerCommands(params.commands(), commandRings, card.output().joints(), safetyConfig, controlPeriodNs);
            if (recording != null) {
                commands.recordTo(recording.control, recording.commandTopics);
                for (int t = 0; t < jointFeeds.size(); t++) {
                    jointFeeds.get(t).recordTo(recording.joints, recording.jointTopics[t]);
                }
                for (int c = 0; c < cameraFeeds.size(); c++) {
                    cameraFeeds.get(c).recordTo(recording.cameras.get(c), recording.cameraTopics[c]);
                }
            }
            int prefixSteps = card.execution().prefixConditioning() ? horizon / 2 : 0;
            MeasuredJointState measured = new MeasuredJointState(snapshots, measuredJoints, card.output().joints());
            loop = new ControlLoop(executor, new ActionInterpolator(card.execution().interpolation(), dim), safety, measured, commands, loopInference, stats, horizon, dim,
                    card.rates().policyPeriodNs(), params.staleAfterNs(), safetyConfig.actionStaleNs(), prefixSteps);
            commands.attach(loop, executor);
            operator = new OperatorInputs(enable, estop, loop, params.enabledAtStart());
            LoopEventMonitor events = null;
            if (recording != null) {
                operator.recordTo(recording.joints, clock, recording.enableTopic, recording.estopTopic);
                events = new LoopEventMonitor(recording.control, stats, safety.faults(), arrivals, assembler);
                LOG.info("recording a flight bag to {} ({} compression)", recording.directory(), params.record().compression().name().toLowerCase(java.util.Locale.ROOT));
            }
            diagnostics = new NodeDiagnostics(launch.node().fullyQualifiedName(), clock, params.diagnosticsHz(), controlHz, stats, safety, operator,
                    assembler, streams, jointFeeds, measured, transportDiagnostics, diagnosticsRing, recording);

            List<Inbound> jointInputs = new ArrayList<>(jointFeeds);
            jointInputs.add(operator);
            receivers.add(new ReceiveThread("chunkrt-rx-joints", transport.createWaitSet(), jointInputs));
            for (CameraFeed f : cameraFeeds) {
                receivers.add(new ReceiveThread("chunkrt-rx-camera-" + f.camera().name(), transport.createWaitSet(), List.of(f)));
            }
            for (ReceiveThread r : receivers) {
                r.start();
            }
            runner = new FixedRateRunner(loop, clock, controlPeriodNs, SPIN_NS, events);
            runner.start();
            diagnostics.start();
            running = true;
            LOG.info("node {} running: policy {} at {} Hz control, commands to {}, {}", launch.node().fullyQualifiedName(), card.name(), controlHz,
                    params.commands().stream().map(CommandOutput::topic).toList(), params.enabledAtStart() ? "enabled" : "disabled until ~/enable");
            return true;
        }
    }

    /** The cameras the card reads, checked against what the image pipeline can decode. */
    private List<CameraInput> camerasRead(PolicyCard c) {
        Set<String> read = new LinkedHashSet<>();
        for (InputSpec in : c.inputs()) {
            if (in.type() == InputType.IMAGE) {
                read.add(in.camera());
            }
        }
        List<CameraInput> out = new ArrayList<>();
        for (CameraInput cam : params.cameras()) {
            if (!read.contains(cam.name())) {
                continue;
            }
            if (cam.transport() == CameraInput.Transport.RAW && io.chunkrt.fusion.image.PixelEncoding.fromRosName(cam.encoding().rosName()) == null) {
                throw new ParameterException("parameter 'cameras." + cam.name() + ".encoding' is '" + cam.encoding().rosName()
                        + "', which the policy's image pipeline cannot read; use rgb8, bgr8, rgba8, bgra8, mono8, 8UC1, mono16 or 16UC1");
            }
            out.add(cam);
        }
        return out;
    }

    private static List<String> stateJoints(PolicyCard c) {
        List<String> out = new ArrayList<>();
        for (InputSpec in : c.inputs()) {
            if (in.type() == InputType.STATE) {
                for (String j : in.joints()) {
                    if (!out.contains(j)) {
                        out.add(j);
                    }
                }
            }
        }
        return out;
    }

    private QosProfile subscriptionQos(String topic, QosProfile base) {
        return params.qos(transport.resolveTopic(topic), QosOverride.Endpoint.SUBSCRIPTION, base);
    }

    private QosProfile publisherQos(String topic, QosProfile base) {
        return params.qos(transport.resolveTopic(topic), QosOverride.Endpoint.PUBLISHER, base);
    }

    /** Room for one command in CDR: names and points for a trajectory, with generous slack for alignment. */
    private static int commandSlotBytes(CommandOutput c) {
        int n = c.joints().size();
        return switch (c) {
            case CommandOutput.ForwardCommand f -> 256 + 8 * n;
            case CommandOutput.JointTrajectory t -> {
                int names = 0;
                for (String j : t.joints()) {
                    names += 8 + 4 * j.length();
                }
                yield 512 + names + t.points() * (64 + 8 * n);
            }
        };
    }

    /** A few runs on the zero observation, so the first real chunk does not pay for ONNX Runtime's first run. */
    private static void warmUp(Policy p) {
        ActionChunk chunk = p.newChunk();
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            p.infer(chunk);
        }
    }

    /** The joint names of each topic's first message, or null when the node was closed while waiting. */
    private List<List<String>> awaitFirstJointStates(List<MessageSubscription<JointStateMessage>> subscriptions, List<JointStateMessage> messages) {
        List<List<String>> names = new ArrayList<>();
        for (int i = 0; i < subscriptions.size(); i++) {
            names.add(null);
        }
        ReceiveWaitSet ws = transport.createWaitSet();
        try {
            for (MessageSubscription<JointStateMessage> s : subscriptions) {
                ws.attach(s.subscription());
            }
            long startNs = System.nanoTime();
            long logNs = startNs + WAIT_LOG_NS;
            int missing = subscriptions.size();
            while (missing > 0) {
                if (closing) {
                    return null;
                }
                ws.await(WAIT_STEP_NS);
                for (int i = 0; i < subscriptions.size(); i++) {
                    if (names.get(i) != null) {
                        continue;
                    }
                    MessageSubscription.Received r;
                    while ((r = subscriptions.get(i).takeInto(messages.get(i))) != MessageSubscription.Received.NONE) {
                        if (r == MessageSubscription.Received.MESSAGE) {
                            JointStateMessage m = messages.get(i);
                            List<String> n = new ArrayList<>();
                            for (int k = 0; k < m.nameCount(); k++) {
                                n.add(m.name(k).toString());
                            }
                            names.set(i, n);
                            missing--;
                            break;
                        }
                    }
                }
                if (System.nanoTime() - logNs > 0 && missing > 0) {
                    logNs += WAIT_LOG_NS;
                    List<String> waiting = new ArrayList<>();
                    for (int i = 0; i < subscriptions.size(); i++) {
                        if (names.get(i) == null) {
                            RosSubscription s = subscriptions.get(i).subscription();
                            waiting.add(s.topic() + " (" + s.matchedPublishers() + " publishers matched)");
                        }
                    }
                    LOG.warn("waiting {} s for the first sensor_msgs/JointState on {}", (System.nanoTime() - startNs) / 1_000_000_000L, waiting);
                }
            }
            for (int i = 0; i < names.size(); i++) {
                LOG.info("joint states on {}: {}", params.jointStateTopics().get(i), names.get(i));
            }
            return names;
        } finally {
            ws.close();
        }
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    public boolean isRunning() {
        synchronized (lifecycle) {
            return running && !closing;
        }
    }

    /** The loop's statistics (histograms and counters), for a summary at exit. */
    public LoopStats stats() {
        return stats;
    }

    /** The loaded card (after {@link #start()}). */
    public PolicyCard card() {
        return card;
    }

    public double controlHz() {
        return controlHz;
    }

    /** The safety layer (after {@link #start()}), e.g. for its intervention counts. */
    public SafetyFilter safety() {
        return loop == null ? null : loop.safety();
    }

    /** Commands published per controller, in parameter order. */
    public List<Long> commandsPublished() {
        return commandRings.stream().map(OutboundRing::published).toList();
    }

    /** The flight recording's directory, or null when the node does not record. */
    public java.nio.file.Path recordingDirectory() {
        return recording == null ? null : recording.directory();
    }

    /** Records taken by the flight recorder so far (0 when not recording). */
    public long recordsRecorded() {
        return recording == null ? 0 : recording.recorded();
    }

    /** Records the flight recorder dropped because a ring was full (0 when not recording). */
    public long recordsDropped() {
        return recording == null ? 0 : recording.dropped();
    }

    /** Why the flight recording failed (one line), or null when it did not (read after close). */
    public String recordingFailure() {
        return recordingFailure;
    }

    public long diagnosticsReports() {
        return diagnostics == null ? 0 : diagnostics.reports();
    }

    /** Stops everything in order and leaves the ROS graph; idempotent, any thread. */
    @Override
    public void close() {
        closing = true;
        synchronized (lifecycle) {
            if (closed.getCount() == 0) {
                return;
            }
            try {
                if (runner != null) {
                    runner.close();
                    commands.stopped(clock.nanoTime()); // the control thread has ended: this thread is the rings' producer now
                }
                if (inference != null) {
                    inference.close();
                }
                for (ReceiveThread r : receivers) {
                    r.close();
                }
                if (recording != null) {
                    try {
                        recording.recorder().close(); // every producer has stopped: drains the rings, then the bag's summary and metadata.yaml
                    } catch (RecordingException e) {
                        recordingFailure = e.getMessage();
                        LOG.error("flight recording {} failed: {}", recording.directory(), e.getMessage());
                    }
                }
                if (diagnostics != null) {
                    diagnostics.close();
                }
                if (publisher != null) {
                    publisher.close();
                }
                if (transport != null) {
                    transport.close();
                }
                if (policy != null) {
                    policy.close();
                }
            } finally {
                running = false;
                closed.countDown();
            }
        }
    }
}
