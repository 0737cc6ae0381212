package io.chunkrt.ros.node;

import io.chunkrt.chunking.ChunkExecutor;
import io.chunkrt.control.CommandSink;
import io.chunkrt.control.ControlLoop;
import io.chunkrt.replay.record.RecorderChannel;
import io.chunkrt.ros.msg.Float64MultiArrayCodec;
import io.chunkrt.ros.msg.Float64MultiArrayMessage;
import io.chunkrt.ros.msg.JointTrajectoryCodec;
import io.chunkrt.ros.msg.JointTrajectoryMessage;
import io.chunkrt.ros.msg.JointTrajectoryPointMessage;
import io.chunkrt.ros.params.CommandOutput;
import io.chunkrt.ros.transport.OutboundRing;
import io.chunkrt.safety.FaultCounters;
import io.chunkrt.safety.SafetyConfig;
import java.util.List;

/**
 * Where the control loop's safe commands go: one outbound ring per controller, drained by the publisher thread.
 * The command vector is in the card's action order; each controller gets its own joints in its own order.
 * <ul>
 *   <li>forward controllers: std_msgs/Float64MultiArray with the command;</li>
 *   <li>joint trajectory controllers: trajectory_msgs/JointTrajectory, header stamp 0 (start now), whose first
 *       point is the command one control period ahead, followed — only while the safety layer did not intervene
 *       in this tick — by the executor's planned actions at their action-step times, up to the controller's
 *       {@code points} and to the first point {@link TrajectoryGuard} refuses. When commands stop (disable, close)
 *       a trajectory controller is sent one point holding the last command.</li>
 * </ul>
 * Control thread only; never blocks (a full ring drops the command and counts it), never allocates.
 */
final class ControllerCommands implements CommandSink {
    private final Output[] outputs;
    private final int dim;
    private final long controlPeriodNs;
    private final double[] lastCommand;
    private final double[] velocity;
    private final double[] row;
    private final boolean anyTrajectory;
    private final int maxPoints;
    private final double[] planRows;
    private final long[] planTimesNs;
    private final TrajectoryGuard guard;
    private ControlLoop loop;
    private ChunkExecutor executor;
    private FaultCounters faults;
    private long lastFaultTotal = -1;
    private int planCount;
    private boolean wrote;
    private RecorderChannel recorder;
    private int[] recordTopics;

    /** One controller's output. */
    sealed interface Output permits Forward, Trajectory {
        OutboundRing ring();
    }

    record Forward(OutboundRing ring, int[] columns, Float64MultiArrayMessage message) implements Output {}

    record Trajectory(OutboundRing ring, int[] columns, int points, JointTrajectoryMessage message) implements Output {}

    /**
     * @param rings        one ring per controller, in {@code outputs} order
     * @param actionJoints the card's action joints (the command order)
     */
    ControllerCommands(List<CommandOutput> outputs, List<OutboundRing> rings, List<String> actionJoints, SafetyConfig safety, long controlPeriodNs) {
        this.dim = actionJoints.size();
        this.controlPeriodNs = controlPeriodNs;
        this.outputs = new Output[outputs.size()];
        int points = 1;
        boolean trajectory = false;
        for (int i = 0; i < outputs.size(); i++) {
            CommandOutput o = outputs.get(i);
            int[] columns = o.columnsIn(actionJoints);
            this.outputs[i] = switch (o) {
                case CommandOutput.ForwardCommand f -> new Forward(rings.get(i), columns, new Float64MultiArrayMessage(columns.length, 0));
                case CommandOutput.JointTrajectory t -> {
                    trajectory = true;
                    points = Math.max(points, t.points());
                    JointTrajectoryMessage m = new JointTrajectoryMessage(columns.length, t.points());
                    m.setJointNames(t.joints().toArray(new String[0]));
                    yield new Trajectory(rings.get(i), columns, t.points(), m);
                }
            };
        }
        this.anyTrajectory = trajectory;
        this.maxPoints = points;
        this.lastCommand = new double[dim];
        this.velocity = new double[dim];
        this.row = new double[dim];
        this.planRows = new double[points * dim];
        this.planTimesNs = new long[points];
        this.guard = new TrajectoryGuard(safety);
    }

    /** Gives trajectory controllers the plan: the loop (step times), its executor and its safety layer's counters. */
    void attach(ControlLoop controlLoop, ChunkExecutor chunkExecutor) {
        this.loop = controlLoop;
        this.executor = chunkExecutor;
        this.faults = controlLoop.safety().faults();
    }

    /**
     * Records every controller message as published (the CDR sample committed to its ring) on {@code topics[i]} for
     * controller i; set before the control thread starts.
     */
    void recordTo(RecorderChannel channel, int[] topics) {
        this.recorder = channel;
        this.recordTopics = topics.clone();
    }

    private void offered(int output, boolean committed, long nowNs) {
        if (committed && recorder != null) {
            OutboundRing ring = outputs[output].ring();
            recorder.serialized(recordTopics[output], nowNs, ring.lastSampleBuffer(), ring.lastSampleOffset(), ring.lastSampleLength());
        }
    }

    Output[] outputs() {
        return outputs;
    }

    @Override
    public void write(double[] command, long nowNs) {
        if (anyTrajectory) {
            plan(command, nowNs);
        }
        for (int i = 0; i < outputs.length; i++) {
            switch (outputs[i]) {
                case Forward f -> {
                    f.message().setSelected(command, 0, f.columns());
                    offered(i, f.ring().offer(Float64MultiArrayCodec.INSTANCE, f.message()), nowNs);
                }
                case Trajectory t -> offered(i, sendTrajectory(t, planCount), nowNs);
            }
        }
        System.arraycopy(command, 0, lastCommand, 0, dim);
        wrote = true;
    }

    @Override
    public void stopped(long nowNs) {
        if (!wrote) {
            return;
        }
        System.arraycopy(lastCommand, 0, planRows, 0, dim);
        planTimesNs[0] = controlPeriodNs;
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] instanceof Trajectory t) {
                offered(i, sendTrajectory(t, 1), nowNs);
            }
        }
        java.util.Arrays.fill(velocity, 0.0);
        lastFaultTotal = -1;
    }

    /** Point 0 is the command; planned actions follow only in a tick the safety layer left alone. */
    private void plan(double[] command, long nowNs) {
        for (int j = 0; j < dim; j++) {
            velocity[j] = wrote ? (command[j] - lastCommand[j]) * 1e9 / controlPeriodNs : 0.0;
        }
        System.arraycopy(command, 0, planRows, 0, dim);
        planTimesNs[0] = controlPeriodNs;
        planCount = 1;
        long total = faults == null ? 0 : faults.total();
        boolean untouched = total == lastFaultTotal;
        lastFaultTotal = total;
        if (!untouched || executor == null) {
            return;
        }
        long step = loop.stepOf(nowNs);
        for (int k = 1; k < maxPoints + 16 && planCount < maxPoints; k++) {
            if (!executor.action(k, row)) {
                return;
            }
            long t = loop.stepStartNs(step + k) - nowNs;
            if (t <= planTimesNs[planCount - 1]) {
                continue; // the next step starts within one control period: point 0 already covers it
            }
            System.arraycopy(row, 0, planRows, planCount * dim, dim);
            planTimesNs[planCount] = t;
            if (!guard.accepts(planRows, planTimesNs, planCount, velocity)) {
                return;
            }
            planCount++;
        }
    }

    private boolean sendTrajectory(Trajectory t, int count) {
        JointTrajectoryMessage m = t.message();
        m.header.stamp.set(0, 0);
        int[] columns = t.columns();
        int n = Math.min(count, t.points());
        for (int k = 0; k < n; k++) {
            JointTrajectoryPointMessage p = m.pointSlot(k);
            double[] pos = p.positions();
            int base = k * dim;
            for (int i = 0; i < columns.length; i++) {
                pos[i] = planRows[base + columns[i]];
            }
            p.setPositionCount(columns.length);
            p.setVelocityCount(0);
            p.setAccelerationCount(0);
            p.setEffortCount(0);
            p.timeFromStart.setNanos(planTimesNs[k]);
        }
        m.setPointCount(n);
        return t.ring().offer(JointTrajectoryCodec.INSTANCE, m);
    }
}
