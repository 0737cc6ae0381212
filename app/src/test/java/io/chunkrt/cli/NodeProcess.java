package io.chunkrt.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code chunkrt run} as a child JVM, started the way {@code ros2 launch} starts a node: its own process, its
 * own environment. The DDS environment is built from scratch (ROS_DOMAIN_ID, CYCLONEDDS_URI = a loopback-only
 * configuration); nothing DDS- or ROS-related is inherited. {@link #terminate} sends SIGTERM, as launch does.
 * Its stdout and stderr go to files (a pipe read while the process exits can lose the last lines in the JDK).
 */
final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final Path stdoutFile;
    private final Path stderrFile;
    private int consumed;

    private NodeProcess(Process process, Path stdoutFile, Path stderrFile) {
        this.process = process;
        this.stdoutFile = stdoutFile;
        this.stderrFile = stderrFile;
    }

    /** Starts {@code chunkrt <args>} with this JVM's classpath on DDS domain {@code domainId}, in {@code workDir}. */
    static NodeProcess start(int domainId, String cycloneConfigXml, Path workDir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ChunkrtMain.class.getName());
        cmd.addAll(List.of(args));
        Path out = workDir.resolve("node.stdout");
        Path err = workDir.resolve("node.stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CYCLONEDDS") || k.startsWith("FASTRTPS") || k.startsWith("FASTDDS") || k.startsWith("ROS_")
                || k.startsWith("RMW_"));
        env.put("ROS_DOMAIN_ID", Integer.toString(domainId));
        env.put("CYCLONEDDS_URI", cycloneConfigXml);
        env.put("CHUNKRT_LOG_LEVEL", "INFO");
        try {
            return new NodeProcess(pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start chunkrt", e);
        }
    }

    /** Skips stdout lines until one starts with {@code prefix}. */
    String expect(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> lines = stdout();
            while (consumed < lines.size()) {
                String line = lines.get(consumed++);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            if (!process.isAlive() && consumed >= stdout().size()) {
                throw new AssertionError("chunkrt run ended (exit " + process.exitValue() + ") without printing a line starting with '" + prefix
                        + "'; stdout:\n" + String.join("\n", stdout()) + "\nstderr:\n" + stderr());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("chunkrt run printed no line starting with '" + prefix + "' within " + timeout.toMillis() + " ms; stderr:\n" + stderr());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    /** SIGTERM, then waits for the exit status. */
    int terminate(Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("chunkrt run did not exit within " + timeout.toMillis() + " ms of SIGTERM; stderr:\n" + stderr());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue();
    }

    List<String> stdout() {
        return read(stdoutFile).lines().toList();
    }

    String stderr() {
        return read(stderrFile);
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
