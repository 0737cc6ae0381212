package io.chunkrt.replay.record;

import io.chunkrt.fusion.image.PixelEncoding;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Where the recorder thread writes records: the ROS bridge's bag writer encodes them as CDR into a rosbag2 MCAP bag
 * ({@code io.chunkrt.ros.record.BagFlightLog}). Called only from the recorder thread, in the order records were
 * drained. Buffers and arrays are valid during the call only.
 */
public interface FlightLogSink extends AutoCloseable {
    /** Called once before any record, with every topic; a record's topic is its index here. */
    void open(List<RecorderTopic> topics);

    void jointState(int topic, long logTimeNs, long stampNs, double[] positions, int count);

    void image(int topic, long logTimeNs, long stampNs, PixelEncoding encoding, int width, int height, int stepBytes, boolean bigEndian,
            ByteBuffer data);

    void compressedImage(int topic, long logTimeNs, long stampNs, ByteBuffer data);

    void serialized(int topic, long logTimeNs, ByteBuffer cdr);

    /** A decision, on the EVENTS topic ({@code topic}). */
    void event(int topic, long logTimeNs, FlightEvent event, int code, long a, long b);

    /** Finishes the recording (e.g. the bag's summary and metadata.yaml). */
    @Override
    void close();
}
