package io.chunkrt.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the repository's models/ and the shared third-party testdata. */
public final class TestPaths {
    private TestPaths() {}

    /** The repository root (surefire sets chunkrt.repo; otherwise walk up to the folder holding models/). */
    public static Path repo() {
        String prop = System.getProperty("chunkrt.repo");
        if (prop != null && Files.isDirectory(Path.of(prop, "models"))) {
            return Path.of(prop);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("models"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository's models/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public static Path models() {
        return repo().resolve("models");
    }

    /** ../shared/testdata, or the test is skipped: a user's fresh clone has no shared/ folder. */
    public static Path sharedTestdata() {
        String prop = System.getProperty("chunkrt.testdata");
        Path dir = prop != null ? Path.of(prop) : repo().resolve("../shared/testdata");
        assumeTrue(Files.isDirectory(dir), "shared testdata not present at " + dir + "; conformance test skipped");
        return dir.normalize();
    }
}
