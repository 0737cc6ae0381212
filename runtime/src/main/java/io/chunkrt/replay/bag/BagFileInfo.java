package io.chunkrt.replay.bag;

import java.nio.file.Path;

/** One storage file of a bag: where it is, its storage id (sqlite3 or mcap), size and what its own index counts. */
public record BagFileInfo(Path path, String storageId, long sizeBytes, long messageCount, long startNs, long endNs) {
}
