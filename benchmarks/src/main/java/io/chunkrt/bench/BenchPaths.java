package io.chunkrt.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's models/ folder from the benchmark's working directory or -Dchunkrt.repo. */
public final class BenchPaths {
    private BenchPaths() {}

    public static Path models() {
        String prop = System.getProperty("chunkrt.repo");
        Path dir = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("models"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run the benchmarks from the repository (or pass -Dchunkrt.repo=...): no models/ above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("models");
    }
}
