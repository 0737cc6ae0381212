package io.chunkrt.policy.onnx;

import io.chunkrt.card.PolicyCard;
import io.chunkrt.policy.ActionChunk;
import io.chunkrt.policy.ObservationTensors;
import io.chunkrt.policy.Policy;

/** A policy whose one forward pass returns the chunk: ACT, MLP/BC, an RL actor (H = 1). */
public final class OnnxChunkPolicy implements Policy {
    private final BoundSession bound;

    OnnxChunkPolicy(PolicyCard card, int intraOpThreads) {
        this.bound = new BoundSession(card, intraOpThreads);
    }

    @Override
    public PolicyCard card() {
        return bound.card;
    }

    @Override
    public ObservationTensors observation() {
        return bound.observation;
    }

    @Override
    public void infer(ActionChunk out) {
        bound.run();
        bound.readActions(out.values());
        out.observationStampNs(bound.observation.stampNs());
    }

    @Override
    public void close() {
        bound.close();
    }
}
