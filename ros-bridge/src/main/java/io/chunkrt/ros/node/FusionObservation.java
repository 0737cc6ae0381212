package io.chunkrt.ros.node;

import io.chunkrt.control.ObservationSource;
import io.chunkrt.fusion.FrameAssembler;
import io.chunkrt.policy.ObservationTensors;

/** The policy's observation from the ROS topics: fusion's aligned frame, built on the inference thread. */
final class FusionObservation implements ObservationSource {
    private final FrameAssembler assembler;

    FusionObservation(FrameAssembler assembler) {
        this.assembler = assembler;
    }

    @Override
    public boolean fill(ObservationTensors out, long nowNs) {
        return assembler.build(nowNs, out);
    }
}
