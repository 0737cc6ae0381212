package io.chunkrt.replay.mcap;

import java.nio.file.Path;

/**
 * Damage found while reading an MCAP file: a short record, a CRC mismatch, a malformed record. Reading stops at
 * the first damage; every complete message before it has been yielded.
 */
public record McapDamage(Path file, long offset, String what) {
    /** One line: file, byte offset, what is wrong and what was kept. */
    public String line() {
        return "MCAP file '" + file + "' is damaged at byte " + offset + ": " + what
                + "; messages before this point were read, the rest of the file was skipped";
    }
}
