package io.chunkrt.replay.bag;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Streams a bag's messages in log-time order. The current message's fields stay valid until the next call to
 * {@link #next()}; {@link #payload()} is a view into a reused buffer, so copy what must be kept. Damage that ends a
 * storage file early (a truncated MCAP) does not throw: the messages before it are yielded and {@link #problems()}
 * names it in one line each.
 */
public interface MessageCursor extends AutoCloseable {
    /** Advances to the next message; false when there are no more. */
    boolean next();

    BagTopic topic();

    /** When the recorder received the message (rosbag2's timestamp / MCAP log_time), ns. */
    long logTimeNs();

    /** When it was published, ns; equal to {@link #logTimeNs()} when the storage does not record it (sqlite3). */
    long publishTimeNs();

    /** The serialized message (CDR for ROS 2 bags), position to limit. */
    ByteBuffer payload();

    /** A copy of the payload. */
    default byte[] payloadCopy() {
        ByteBuffer p = payload();
        byte[] b = new byte[p.remaining()];
        p.get(p.position(), b);
        return b;
    }

    /** One line per damaged storage file met so far; empty when everything read cleanly. */
    List<String> problems();

    @Override
    void close();
}
