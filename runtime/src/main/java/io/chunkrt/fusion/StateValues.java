package io.chunkrt.fusion;

import java.util.List;

/** The ring and per-slot values of a stream that contributes named elements to state vectors. */
final class StateValues {
    final SampleRing ring;
    final List<String> names;
    final int width;
    /** depth x width, written by the producer into the slot it owns. */
    final double[] values;

    StateValues(String streamName, List<String> names, StreamSettings settings) {
        this.ring = new SampleRing(streamName, settings);
        this.names = List.copyOf(names);
        this.width = names.size();
        this.values = new double[settings.depth() * width];
    }

    /** Stores {@code source[indexOfElement[k]]} (or {@code source[k]} when the map is null) as the next sample. */
    IngestStatus store(long stampNs, long receiveNs, double[] source, int[] indexOfElement) {
        for (int k = 0; k < width; k++) {
            double v = source[indexOfElement == null ? k : indexOfElement[k]];
            if (!Double.isFinite(v)) {
                return ring.reject(IngestStatus.NOT_FINITE);
            }
        }
        IngestStatus time = ring.admit(stampNs, receiveNs);
        if (time != IngestStatus.ACCEPTED) {
            return ring.reject(time);
        }
        int slot = ring.claim();
        if (slot < 0) {
            return ring.reject(IngestStatus.RING_FULL);
        }
        int base = slot * width;
        for (int k = 0; k < width; k++) {
            values[base + k] = source[indexOfElement == null ? k : indexOfElement[k]];
        }
        ring.publish(slot);
        return IngestStatus.ACCEPTED;
    }
}
