package io.chunkrt.replay.engine;

import io.chunkrt.control.ObservationSource;
import io.chunkrt.fusion.FrameAssembler;
import io.chunkrt.policy.ObservationTensors;
import org.HdrHistogram.Histogram;

/** The policy's observation built by fusion, as live; also times each build on the wall clock (for the report). */
final class FusedObservation implements ObservationSource {
    private final FrameAssembler assembler;
    private final Histogram buildNs;

    FusedObservation(FrameAssembler assembler, Histogram buildNs) {
        this.assembler = assembler;
        this.buildNs = buildNs;
    }

    @Override
    public boolean fill(ObservationTensors out, long nowNs) {
        long start = System.nanoTime();
        boolean built = assembler.build(nowNs, out);
        if (built) {
            buildNs.recordValue(Math.min(System.nanoTime() - start, buildNs.getHighestTrackableValue()));
        }
        return built;
    }
}
