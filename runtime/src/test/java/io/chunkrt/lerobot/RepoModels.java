package io.chunkrt.lerobot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's {@code models/} folder: from the system property {@code chunkrt.repo} that surefire sets to the
 * repository root, else the first {@code models/} found walking up from the working directory (an IDE run).
 */
final class RepoModels {
    private RepoModels() {
    }

    static Path folder() {
        String repo = System.getProperty("chunkrt.repo");
        if (repo != null && Files.isDirectory(Path.of(repo, "models"))) {
            return Path.of(repo, "models");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("models"))) {
                return dir.resolve("models");
            }
        }
        throw new AssertionError("no models/ folder under chunkrt.repo=" + repo + " or above "
                + Path.of("").toAbsolutePath());
    }

    /** A checkpoint fixture under models/lerobot_fixtures; these are part of the repository, so absence fails. */
    static Path lerobotFixture(String name) {
        Path fixture = folder().resolve("lerobot_fixtures").resolve(name);
        assertTrue(Files.isDirectory(fixture), fixture + " is missing; it belongs to the repository");
        return fixture;
    }
}
