package io.chunkrt.replay.engine;

import io.chunkrt.fusion.image.PixelEncoding;
import java.nio.ByteBuffer;

/**
 * The events of a recording, as a {@link RecordedEpisode} delivers them: a joint-state sample, a camera frame (raw or
 * compressed) or a recorded action, each with its times. Arrays and buffers are read during the call only. Stream and
 * camera indexes refer to the episode's {@link EpisodeLayout}.
 *
 * <p>{@code stampNs} is the sample's own time (a header stamp; 0 when the recording has none, and then
 * {@code receiveNs} is used), {@code receiveNs} the time it was received (a bag's log time, a dataset frame's time).
 */
public interface EpisodeReceiver {
    /** Positions of the named joints, in the message's own order; the names may include joints the stream does not provide. */
    void jointState(int stream, long stampNs, long receiveNs, String[] names, int count, double[] positions);

    /** A raw frame: {@code encoding} null when the recording's encoding is not one fusion supports (counted, dropped). */
    void image(int camera, long stampNs, long receiveNs, PixelEncoding encoding, int width, int height, int stepBytes, boolean bigEndian,
            ByteBuffer data);

    /** A JPEG or PNG frame (the format is read from its signature). */
    void compressedImage(int camera, long stampNs, long receiveNs, ByteBuffer data);

    /** The demonstrator's action, {@code count} values in the order of {@link EpisodeLayout#actionJoints()}. */
    void action(long stampNs, long receiveNs, double[] values, int count);

    /** A message the recording holds but the source could not decode (a malformed payload): counted and skipped. */
    void malformed(String topic, long receiveNs, String reason);
}
