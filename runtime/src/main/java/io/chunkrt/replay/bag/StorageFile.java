package io.chunkrt.replay.bag;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One storage file of a rosbag2 bag, read through its own format. */
sealed interface StorageFile extends AutoCloseable permits SqliteStorageFile, McapStorageFile {
    Path path();

    /** "sqlite3" or "mcap", as metadata.yaml names them. */
    String storageId();

    /** The topics the file itself declares (sqlite topics table, MCAP channels with their schemas). */
    List<BagTopic> topics();

    /** Message counts per topic name from the storage's own index (SQL COUNT, MCAP statistics or message indexes). */
    Map<String, Long> indexedCounts();

    /** [earliest, latest] log time in ns, or null when the file holds no messages. */
    long[] timeRange();

    /** A cursor over the messages on {@code topics} (null: all), in log-time order within this file. */
    MessageCursor messages(Set<String> topics, Map<String, BagTopic> described);

    /** Damage met while opening or scanning the file (a truncated MCAP, a bad summary CRC), one line each. */
    List<String> problems();

    @Override
    void close();
}
