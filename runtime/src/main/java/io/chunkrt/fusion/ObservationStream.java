package io.chunkrt.fusion;

/**
 * One source of observations: an arm's joint states, a scalar signal or a camera. Each has exactly one producer
 * thread (the thread that calls its {@code offer} methods, e.g. a DDS receive thread) and is read by one
 * {@link FrameAssembler} on the inference thread.
 */
public sealed interface ObservationStream permits JointStateStream, ScalarStream, CameraStream {
    String name();

    StreamSettings settings();

    /** Ingest outcomes, readable from any thread. */
    IngestCounters counters();

    /** Counts a message the caller rejected before handing it over (e.g. an image encoding name it cannot map). */
    IngestStatus reject(IngestStatus reason);
}
