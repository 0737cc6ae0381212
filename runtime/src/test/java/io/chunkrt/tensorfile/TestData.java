package io.chunkrt.tensorfile;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared third-party test artifacts (../shared/testdata), which surefire names in the system property
 * {@code chunkrt.testdata}. A fresh clone has none, so tests that need them are skipped, not failed.
 */
public final class TestData {
    private TestData() {
    }

    /** The folder {@code relative} under the testdata root; skips the calling test when it is absent. */
    public static Path folderOrSkip(String relative) {
        String root = System.getProperty("chunkrt.testdata");
        assumeTrue(root != null && !root.isBlank(), "system property chunkrt.testdata is not set");
        Path folder = Path.of(root).resolve(relative);
        assumeTrue(Files.isDirectory(folder), folder + " is absent");
        return folder;
    }
}
