package io.chunkrt.ros.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the C (Cyclone DDS) and C++ (Fast DDS) test peers from {@code ros-bridge/src/test/peers} once and
 * caches them under {@code ros-bridge/target/peers/<hash of the sources>}, so a test run compiles them at most
 * once and later runs reuse them. Safe across concurrent JVMs (file lock). Shared with the benchmarks and the
 * end-to-end tests through the ros-bridge test jar.
 */
public final class TestPeers {
    private static final long BUILD_TIMEOUT_S = 300;
    private static Path built;

    private TestPeers() {}

    /** The repository root: system property {@code chunkrt.repo}, or the working directory and its parents. */
    public static Path repo() {
        String prop = System.getProperty("chunkrt.repo");
        if (prop != null && Files.isDirectory(Path.of(prop, "ros-bridge"))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("ros-bridge/src/test/peers/build-peers.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (set -Dchunkrt.repo=<repo>)");
    }

    /** The directory holding the built peer binaries; builds them on first use. */
    @SuppressWarnings("try") // the lock is held for the try block's duration
    public static synchronized Path directory() {
        if (built != null) {
            return built;
        }
        Path sources = repo().resolve("ros-bridge/src/test/peers");
        String prefix = System.getProperty("cyclonedds.prefix", "/usr");
        Path root = repo().resolve("ros-bridge/target/peers");
        Path out = root.resolve(hash(sources, prefix));
        try {
            Files.createDirectories(root);
            try (FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                if (!Files.exists(out.resolve(".complete"))) {
                    build(sources, out, prefix);
                    Files.writeString(out.resolve(".complete"), "ok\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("building the DDS test peers failed", e);
        }
        built = out;
        return out;
    }

    public static Path binary(String name) {
        Path p = directory().resolve(name);
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("peer binary " + p + " is missing; delete " + p.getParent() + " and rerun");
        }
        return p;
    }

    /** The Fast DDS XML profile that confines a participant to 127.0.0.1. */
    public static Path fastDdsProfile() {
        return directory().resolve("fastdds_loopback_only.xml");
    }

    private static void build(Path sources, Path out, String prefix) throws IOException {
        Files.createDirectories(out);
        Path log = out.resolve("build.log");
        ProcessBuilder pb = new ProcessBuilder("bash", sources.resolve("build-peers.sh").toString(), out.toString(), prefix)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(BUILD_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("building the DDS test peers took more than " + BUILD_TIMEOUT_S + " s; see " + log);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the DDS test peers");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("building the DDS test peers failed (exit " + p.exitValue() + "):\n" + Files.readString(log)
                    + "\nthe peers need gcc, g++, cyclonedds-dev, cyclonedds-tools, libfastrtps-dev and fastddsgen (see .ci/apt-ros.txt)");
        }
    }

    private static String hash(Path sources, String prefix) {
        try (Stream<Path> files = Files.walk(sources)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(prefix.getBytes(StandardCharsets.UTF_8));
            List<Path> sorted = files.filter(Files::isRegularFile).sorted().toList();
            for (Path f : sorted) {
                md.update(sources.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
