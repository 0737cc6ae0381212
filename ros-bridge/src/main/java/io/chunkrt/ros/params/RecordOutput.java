package io.chunkrt.ros.params;

import io.chunkrt.replay.mcap.McapCompression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the node's flight recording goes ({@code record.path} or {@code chunkrt run --record DIR}) and how its MCAP
 * chunks are compressed ({@code record.compression}).
 *
 * @param directory   the bag directory, absolute; it must not exist yet or be empty (a bag is never appended to)
 * @param compression zstd (default), lz4 or none
 */
public record RecordOutput(Path directory, McapCompression compression) {
    public RecordOutput {
        if (directory == null || !directory.isAbsolute()) {
            throw new IllegalArgumentException("the recording directory must be an absolute path, not " + directory);
        }
        if (compression == null) {
            throw new IllegalArgumentException("the recording needs a compression (zstd, lz4 or none)");
        }
    }

    /**
     * Checks {@code given} (relative paths against the working directory) and returns it absolute.
     *
     * @param where how the user named it, for the message: {@code "--record"} or {@code "parameter 'record.path'"}
     */
    static Path checkedDirectory(String given, String where) {
        if (given.isBlank()) {
            throw new ParameterException(where + " is empty; give the directory the bag is written to, e.g. /tmp/flight_1");
        }
        Path dir = Path.of(given).toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ParameterException(where + " is '" + given + "', which is a file (" + dir + "); give a new directory for the bag");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new ParameterException(where + " is '" + given + "', a directory that is not empty (" + dir
                            + "); give a new or empty directory (a bag is never appended to), or move the old recording away");
                }
            } catch (IOException e) {
                throw new ParameterException(where + " is '" + given + "', a directory that cannot be listed (" + dir + "): " + e.getMessage()
                        + "; give a directory this user can write");
            }
        }
        return dir;
    }
}
