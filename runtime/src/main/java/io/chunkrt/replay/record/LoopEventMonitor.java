package io.chunkrt.replay.record;

import io.chunkrt.control.LoopCounter;
import io.chunkrt.control.LoopStats;
import io.chunkrt.control.TickListener;
import io.chunkrt.fusion.FrameAssembler;
import io.chunkrt.fusion.FrameFault;
import io.chunkrt.safety.FaultCounters;
import io.chunkrt.safety.SafetyFault;

/**
 * Turns the control loop's counters into recorded decisions: after each tick ({@link #afterTick}, on the control
 * thread) it compares the loop and safety counters with the previous tick and records what changed on
 * /chunkrt/events — a chunk accepted or dropped as stale (with its observation stamp), a hold or a safety
 * intervention starting and ending (with how many ticks it lasted), an observation that could not be built (with
 * fusion's reason), a failed inference. Reads counters only; no allocation, no locks.
 */
public final class LoopEventMonitor implements TickListener {
    private static final SafetyFault[] FAULTS = SafetyFault.values();

    private final RecorderChannel channel;
    private final LoopStats stats;
    private final FaultCounters faults;
    private final ChunkArrivals arrivals;
    private final FrameAssembler assembler;
    private long accepted;
    private long stale;
    private long holds;
    private long notReady;
    private long failures;
    private long tickFailures;
    private long holdTicks;
    private final long[] faultCounts = new long[FAULTS.length];
    private final long[] faultTicks = new long[FAULTS.length];

    /**
     * @param arrivals  the loop's inference service wrapped in {@link ChunkArrivals}, for the chunks' stamps
     * @param assembler fusion's assembler, for why an observation was not built (null when the source is not fusion)
     */
    public LoopEventMonitor(RecorderChannel channel, LoopStats stats, FaultCounters faults, ChunkArrivals arrivals, FrameAssembler assembler) {
        this.channel = channel;
        this.stats = stats;
        this.faults = faults;
        this.arrivals = arrivals;
        this.assembler = assembler;
    }

    /** Records what the tick at {@code nowNs} decided. Control thread, after {@code ControlLoop.tick}. */
    @Override
    public void afterTick(long nowNs) {
        long a = stats.get(LoopCounter.CHUNKS_ACCEPTED);
        if (a != accepted) {
            accepted = a;
            channel.event(nowNs, FlightEvent.CHUNK_ACCEPTED, -1, arrivals.lastStampNs(), nowNs - arrivals.lastStampNs());
        }
        long s = stats.get(LoopCounter.STALE_CHUNKS);
        if (s != stale) {
            stale = s;
            channel.event(nowNs, FlightEvent.CHUNK_STALE, -1, arrivals.lastStampNs(), nowNs - arrivals.lastStampNs());
        }
        long h = stats.get(LoopCounter.HOLD_TICKS);
        if (h != holds) {
            if (holdTicks == 0) {
                channel.event(nowNs, FlightEvent.HOLD_STARTED, -1, 0, 0);
            }
            holdTicks++;
            holds = h;
        } else if (holdTicks > 0) {
            channel.event(nowNs, FlightEvent.HOLD_ENDED, -1, 0, holdTicks);
            holdTicks = 0;
        }
        for (int i = 0; i < FAULTS.length; i++) {
            long c = faults.get(FAULTS[i]);
            if (c != faultCounts[i]) {
                faultCounts[i] = c;
                if (faultTicks[i] == 0) {
                    channel.event(nowNs, FlightEvent.SAFETY_STARTED, i, 0, 0);
                }
                faultTicks[i]++;
            } else if (faultTicks[i] > 0) {
                channel.event(nowNs, FlightEvent.SAFETY_ENDED, i, 0, faultTicks[i]);
                faultTicks[i] = 0;
            }
        }
        long n = stats.get(LoopCounter.OBSERVATION_NOT_READY);
        if (n != notReady) {
            notReady = n;
            FrameFault why = assembler == null ? null : assembler.lastFault();
            channel.event(nowNs, FlightEvent.OBSERVATION_NOT_READY, why == null ? -1 : why.ordinal(), n, 0);
        }
        long f = stats.get(LoopCounter.INFERENCE_FAILURES);
        if (f != failures) {
            failures = f;
            channel.event(nowNs, FlightEvent.INFERENCE_FAILED, -1, f, 0);
        }
        long t = stats.get(LoopCounter.TICK_FAILURES);
        if (t != tickFailures) {
            tickFailures = t;
            channel.event(nowNs, FlightEvent.TICK_FAILED, -1, t, 0);
        }
    }
}
