package io.chunkrt.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, from surefire's chunkrt.repo or by walking up to models/. */
final class RepoPaths {
    private RepoPaths() {}

    static Path repo() {
        String prop = System.getProperty("chunkrt.repo");
        if (prop != null && Files.isDirectory(Path.of(prop, "models"))) {
            return Path.of(prop);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("models"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    static Path models() {
        return repo().resolve("models");
    }

    static Path sharedTestdata() {
        String prop = System.getProperty("chunkrt.testdata");
        return prop != null ? Path.of(prop) : repo().resolve("../shared/testdata");
    }
}
