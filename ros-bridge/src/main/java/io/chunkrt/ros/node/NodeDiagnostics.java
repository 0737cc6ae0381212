package io.chunkrt.ros.node;

import io.chunkrt.control.LoopCounter;
import io.chunkrt.control.LoopStats;
import io.chunkrt.fusion.FrameAssembler;
import io.chunkrt.fusion.FrameFault;
import io.chunkrt.fusion.IngestCounters;
import io.chunkrt.fusion.IngestStatus;
import io.chunkrt.fusion.ObservationStream;
import io.chunkrt.fusion.ObservationStreams;
import io.chunkrt.ros.msg.DiagnosticArrayCodec;
import io.chunkrt.ros.msg.DiagnosticArrayMessage;
import io.chunkrt.ros.msg.DiagnosticStatusMessage;
import io.chunkrt.ros.transport.OutboundRing;
import io.chunkrt.ros.transport.TransportDiagnostics;
import io.chunkrt.safety.SafetyFault;
import io.chunkrt.safety.SafetyFilter;
import io.chunkrt.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's {@code /diagnostics} (diagnostic_msgs/DiagnosticArray), built and handed to the publisher thread at
 * {@code rates.diagnostics_hz} by its own thread, never the control thread. Statuses (names as
 * {@code rqt_runtime_monitor} shows them, hardware_id = the node's name; keys in docs/ros2.md):
 * {@code chunkrt: control loop}, {@code chunkrt: safety}, {@code chunkrt: operator}, {@code chunkrt: fusion},
 * one {@code chunkrt: stream <name>} per fusion stream, one {@code chunkrt: joint states <topic>} per joint-state
 * topic, {@code chunkrt: flight recorder} when recording (path, records, dropped), and the transport's per-endpoint
 * statuses. Percentiles are over the last report period; counters are
 * totals since start. A status is WARN when something went wrong during the last period.
 */
final class NodeDiagnostics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeDiagnostics.class);
    private static final SafetyFault[] SAFETY = SafetyFault.values();
    private static final FrameFault[] FRAME = FrameFault.values();
    private static final IngestStatus[] INGEST = IngestStatus.values();

    private final String hardwareId;
    private final Clock clock;
    private final long periodNs;
    private final double controlHz;
    private final LoopStats stats;
    private final SafetyFilter safety;
    private final OperatorInputs operator;
    private final FrameAssembler assembler;
    private final ObservationStreams streams;
    private final List<JointStateFeed> jointFeeds;
    private final MeasuredJointState measured;
    private final TransportDiagnostics transport;
    private final OutboundRing ring;
    private final NodeRecording recording;
    private long lastDropped;
    private final DiagnosticArrayMessage message = new DiagnosticArrayMessage(64, 48);
    private final Thread thread;
    private volatile boolean running = true;
    private Histogram lastPeriodError;
    private Histogram lastTickCost;
    private Histogram lastInference;
    private final long[] lastLoop = new long[LoopCounter.values().length];
    private final long[] lastSafety = new long[SAFETY.length];
    private long lastFrameFaults;
    private long lastBuilt;
    private volatile long reports;
    private boolean failureLogged;

    NodeDiagnostics(String hardwareId, Clock clock, double diagnosticsHz, double controlHz, LoopStats stats, SafetyFilter safety, OperatorInputs operator,
            FrameAssembler assembler, ObservationStreams streams, List<JointStateFeed> jointFeeds, MeasuredJointState measured, TransportDiagnostics transport,
            OutboundRing ring, NodeRecording recording) {
        this.hardwareId = hardwareId;
        this.clock = clock;
        this.periodNs = Math.round(1e9 / diagnosticsHz);
        this.controlHz = controlHz;
        this.stats = stats;
        this.safety = safety;
        this.operator = operator;
        this.assembler = assembler;
        this.streams = streams;
        this.jointFeeds = List.copyOf(jointFeeds);
        this.measured = measured;
        this.transport = transport;
        this.ring = ring;
        this.recording = recording;
        this.thread = Thread.ofPlatform().name("chunkrt-diagnostics").daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    long reports() {
        return reports;
    }

    private void run() {
        long next = clock.nanoTime() + periodNs;
        while (running) {
            long wait = next - clock.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            try {
                publish();
            } catch (RuntimeException e) {
                if (!failureLogged) {
                    failureLogged = true;
                    LOG.error("building /diagnostics failed; later failures are not logged", e);
                }
            }
            next += periodNs;
            long now = clock.nanoTime();
            if (next - now < 0) {
                next = now + periodNs;
            }
        }
    }

    /** Builds one DiagnosticArray and hands it to the publisher thread (this thread is the ring's only producer). */
    void publish() {
        message.setStatusCount(0);
        message.header.stamp.setNanos(clock.nanoTime());
        message.header.frameId.clear();
        loopStatus();
        safetyStatus();
        operatorStatus();
        fusionStatus();
        for (ObservationStream s : streams.all()) {
            streamStatus(s);
        }
        for (JointStateFeed f : jointFeeds) {
            jointStatus(f);
        }
        if (recording != null) {
            recordingStatus();
        }
        transport.appendTo(message);
        ring.offer(DiagnosticArrayCodec.INSTANCE, message);
        reports = reports + 1;
    }

    private DiagnosticStatusMessage status(String name) {
        DiagnosticStatusMessage s = message.addStatus();
        if (s == null) {
            throw new IllegalStateException("the diagnostics message has room for " + message.maxStatuses() + " statuses only");
        }
        s.name.set(name);
        s.hardwareId.set(hardwareId);
        return s;
    }

    private void loopStatus() {
        LoopStats.Histograms totals = stats.totals();
        Histogram periodError = window(totals.periodErrorNs(), lastPeriodError);
        Histogram tickCost = window(totals.tickCostNs(), lastTickCost);
        Histogram inference = window(totals.inferenceLatencyNs(), lastInference);
        lastPeriodError = totals.periodErrorNs();
        lastTickCost = totals.tickCostNs();
        lastInference = totals.inferenceLatencyNs();
        long missed = delta(LoopCounter.MISSED_PERIODS);
        long failures = delta(LoopCounter.INFERENCE_FAILURES);
        long stale = delta(LoopCounter.STALE_CHUNKS);
        long waiting = delta(LoopCounter.WAITING_FOR_STATE);
        long ticks = delta(LoopCounter.TICKS);
        long disabled = delta(LoopCounter.DISABLED_TICKS);
        delta(LoopCounter.HOLD_TICKS);
        delta(LoopCounter.CHUNKS_ACCEPTED);
        delta(LoopCounter.INFERENCE_REQUESTS);
        delta(LoopCounter.OBSERVATION_NOT_READY);
        boolean estop = safety.estopLatched();
        DiagnosticStatusMessage s = status("chunkrt: control loop");
        if (estop) {
            s.level = DiagnosticStatusMessage.WARN;
            s.message.set("e-stop latched: holding (publish false to ~/estop, then true to ~/enable)");
        } else if (!operator.enabled()) {
            s.level = DiagnosticStatusMessage.OK;
            s.message.set("disabled: no commands (publish true to ~/enable)");
        } else if (waiting > 0 && waiting == ticks - disabled) {
            s.level = DiagnosticStatusMessage.WARN;
            s.message.set("enabled, waiting for fresh joint states");
        } else if (missed > 0 || failures > 0 || stale > 0) {
            s.level = DiagnosticStatusMessage.WARN;
            s.message.set("enabled; in the last period: " + missed + " missed periods, " + stale + " stale chunks, " + failures + " inference failures");
        } else {
            s.level = DiagnosticStatusMessage.OK;
            s.message.set("enabled, commanding");
        }
        s.addValue("enabled", Boolean.toString(operator.enabled()));
        s.addValue("estop_latched", Boolean.toString(estop));
        s.addValue("control_hz", format(controlHz));
        s.addValue("period_error_us.p50", micros(periodError, 50));
        s.addValue("period_error_us.p99", micros(periodError, 99));
        s.addValue("period_error_us.max", micros(periodError, 100));
        s.addValue("tick_cost_us.p50", micros(tickCost, 50));
        s.addValue("tick_cost_us.p99", micros(tickCost, 99));
        s.addValue("tick_cost_us.max", micros(tickCost, 100));
        s.addValue("inference_ms.p50", millis(inference, 50));
        s.addValue("inference_ms.p99", millis(inference, 99));
        s.addValue("inference_ms.max", millis(inference, 100));
        Histogram ages = measured.agesSinceLastCall();
        s.addValue("joint_state_age_ms.p50", millis(ages, 50));
        s.addValue("joint_state_age_ms.p99", millis(ages, 99));
        s.addValue("joint_state_age_ms.max", millis(ages, 100));
        for (LoopCounter c : LoopCounter.values()) {
            s.addValue(c.name().toLowerCase(Locale.ROOT), Long.toString(stats.get(c)));
        }
    }

    private void recordingStatus() {
        DiagnosticStatusMessage s = status("chunkrt: flight recorder");
        long dropped = recording.dropped();
        long recent = dropped - lastDropped;
        lastDropped = dropped;
        s.level = recent > 0 ? DiagnosticStatusMessage.WARN : DiagnosticStatusMessage.OK;
        s.message.set(recent > 0 ? "dropped " + recent + " records in the last period (a ring was full)" : "recording");
        s.addValue("path", recording.directory().toString());
        s.addValue("records", Long.toString(recording.recorded()));
        s.addValue("dropped", Long.toString(dropped));
    }

    private long delta(LoopCounter c) {
        long now = stats.get(c);
        long d = now - lastLoop[c.ordinal()];
        lastLoop[c.ordinal()] = now;
        return d;
    }

    private void safetyStatus() {
        DiagnosticStatusMessage s = status("chunkrt: safety");
        StringBuilder recent = new StringBuilder();
        for (SafetyFault f : SAFETY) {
            long n = safety.faults().get(f);
            long d = n - lastSafety[f.ordinal()];
            lastSafety[f.ordinal()] = n;
            if (d > 0 && f != SafetyFault.SOFT_START) {
                recent.append(recent.isEmpty() ? "" : ", ").append(f.name().toLowerCase(Locale.ROOT)).append(' ').append(d);
            }
            s.addValue(f.name().toLowerCase(Locale.ROOT), Long.toString(n));
        }
        s.level = recent.isEmpty() ? DiagnosticStatusMessage.OK : DiagnosticStatusMessage.WARN;
        s.message.set(recent.isEmpty() ? "no interventions in the last period" : "interventions in the last period (ticks): " + recent);
    }

    private void operatorStatus() {
        DiagnosticStatusMessage s = status("chunkrt: operator");
        s.level = operator.estopInput() ? DiagnosticStatusMessage.WARN : DiagnosticStatusMessage.OK;
        s.message.set(operator.estopInput() ? "e-stop input is true" : operator.enabled() ? "enabled" : "disabled");
        s.addValue("enabled", Boolean.toString(operator.enabled()));
        s.addValue("estop_input", Boolean.toString(operator.estopInput()));
        s.addValue("enable_messages", Long.toString(operator.enableMessages()));
        s.addValue("disable_messages", Long.toString(operator.disableMessages()));
        s.addValue("estop_messages", Long.toString(operator.estopMessages()));
        s.addValue("release_messages", Long.toString(operator.releaseMessages()));
        s.addValue("refused_enables", Long.toString(operator.refusedEnables()));
    }

    private void fusionStatus() {
        DiagnosticStatusMessage s = status("chunkrt: fusion");
        long built = assembler.built();
        long faults = 0;
        for (FrameFault f : FRAME) {
            faults += assembler.faults(f);
        }
        long newFaults = faults - lastFrameFaults;
        long newBuilt = built - lastBuilt;
        lastFrameFaults = faults;
        lastBuilt = built;
        FrameFault last = assembler.lastFault();
        if (newFaults > 0 && newBuilt == 0) {
            s.level = DiagnosticStatusMessage.WARN;
            s.message.set("no frame built in the last period; last fault " + (last == null ? "none" : last.name().toLowerCase(Locale.ROOT))
                    + " at stream " + assembler.lastFaultStream());
        } else {
            s.level = DiagnosticStatusMessage.OK;
            s.message.set(newBuilt + " frames built in the last period");
        }
        s.addValue("frames_built", Long.toString(built));
        for (FrameFault f : FRAME) {
            s.addValue("frame_fault." + f.name().toLowerCase(Locale.ROOT), Long.toString(assembler.faults(f)));
        }
        s.addValue("last_fault", last == null ? "none" : last.name().toLowerCase(Locale.ROOT));
    }

    private void streamStatus(ObservationStream stream) {
        DiagnosticStatusMessage s = status("chunkrt: stream " + stream.name());
        IngestCounters c = stream.counters();
        IngestStatus last = c.lastStatus();
        s.level = last == IngestStatus.ACCEPTED ? DiagnosticStatusMessage.OK : DiagnosticStatusMessage.WARN;
        s.message.set("last message " + last.name().toLowerCase(Locale.ROOT));
        s.addValue("accepted", Long.toString(c.count(IngestStatus.ACCEPTED)));
        s.addValue("rejected", Long.toString(c.rejected()));
        for (IngestStatus st : INGEST) {
            long n = c.count(st);
            if (st != IngestStatus.ACCEPTED && n > 0) {
                s.addValue("rejected." + st.name().toLowerCase(Locale.ROOT), Long.toString(n));
            }
        }
        s.addValue("resyncs", Long.toString(c.resyncs()));
        s.addValue("last_status", last.name().toLowerCase(Locale.ROOT));
    }

    private void jointStatus(JointStateFeed f) {
        DiagnosticStatusMessage s = status("chunkrt: joint states " + f.topic());
        long bad = 0;
        for (JointStateFeed.Fault fault : JointStateFeed.Fault.values()) {
            bad += f.faults(fault);
        }
        s.level = bad > 0 ? DiagnosticStatusMessage.WARN : DiagnosticStatusMessage.OK;
        s.message.set(bad > 0 ? bad + " messages could not update the measured positions" : "measured positions up to date");
        s.addValue("measured_updates", Long.toString(f.measuredUpdates()));
        for (JointStateFeed.Fault fault : JointStateFeed.Fault.values()) {
            s.addValue(fault.name().toLowerCase(Locale.ROOT), Long.toString(f.faults(fault)));
        }
    }

    private static Histogram window(Histogram total, Histogram previous) {
        Histogram w = total.copy();
        if (previous != null) {
            w.subtract(previous);
        }
        return w;
    }

    private static String micros(Histogram h, double percentile) {
        if (h.getTotalCount() == 0) {
            return "nan";
        }
        long v = percentile >= 100 ? h.getMaxValue() : h.getValueAtPercentile(percentile);
        return format(v / 1e3);
    }

    private static String millis(Histogram h, double percentile) {
        if (h.getTotalCount() == 0) {
            return "nan";
        }
        long v = percentile >= 100 ? h.getMaxValue() : h.getValueAtPercentile(percentile);
        return format(v / 1e6);
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
