package io.chunkrt.fusion;

import java.util.List;

/**
 * A fixed-layout vector signal, e.g. a gripper opening (width 1) or a force-torque wrench (width 6). Its element
 * names are declared once and may appear in a card's state joints like joint names.
 */
public final class ScalarStream implements ObservationStream {
    private final String name;
    private final StreamSettings settings;
    final StateValues state;
    private final double[] single = new double[1];

    ScalarStream(String name, List<String> elements, StreamSettings settings) {
        this.name = name;
        this.settings = settings;
        this.state = new StateValues(name, elements, settings);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public StreamSettings settings() {
        return settings;
    }

    @Override
    public IngestCounters counters() {
        return state.ring.counters;
    }

    public List<String> elements() {
        return state.names;
    }

    @Override
    public IngestStatus reject(IngestStatus reason) {
        return state.ring.reject(reason);
    }

    /** Offers values in the declared element order; rejected when {@code count} differs from the width or a value is not finite. */
    public IngestStatus offer(long stampNs, long receiveNs, double[] values, int count) {
        if (count != state.width || count > values.length) {
            return state.ring.reject(IngestStatus.LENGTH_MISMATCH);
        }
        return state.store(stampNs, receiveNs, values, null);
    }

    /** Offers the value of a width-1 stream. */
    public IngestStatus offer(long stampNs, long receiveNs, double value) {
        if (state.width != 1) {
            return state.ring.reject(IngestStatus.LENGTH_MISMATCH);
        }
        single[0] = value;
        return state.store(stampNs, receiveNs, single, null);
    }
}
