package io.chunkrt.ros.peer;

import io.chunkrt.ros.dds.CycloneConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A running test peer, driven through its stdin/stdout line protocol. Its environment is built from scratch
 * for DDS: ROS_DOMAIN_ID, CYCLONEDDS_URI = the loopback-only configuration, and the loopback-only Fast DDS
 * profile; nothing DDS-related is inherited from the caller. Close it to end the process.
 */
public final class PeerProcess implements AutoCloseable {
    private static final String EOF = "\u0000EOF";

    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder stderr = new StringBuilder();
    private final OutputStream stdin;

    private PeerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread.ofPlatform().daemon().name(name + "-stdout").start(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true));
        Thread.ofPlatform().daemon().name(name + "-stderr").start(() -> pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false));
    }

    /** Starts {@code binary} (a name under {@link TestPeers#directory()} or a path) on DDS domain {@code domainId}. */
    public static PeerProcess start(int domainId, String binary, String... args) {
        return startWithConfig(domainId, CycloneConfig.loopbackOnly(null), binary, args);
    }

    /**
     * Like {@link #start} with a Cyclone configuration of the caller's; it must be loopback-only (the peers refuse
     * anything else), e.g. {@link CycloneConfig#loopbackOnly(String, String)} with extra tuning.
     */
    public static PeerProcess startWithConfig(int domainId, String cycloneConfigXml, String binary, String... args) {
        Path exe = binary.contains("/") ? Path.of(binary) : TestPeers.binary(binary);
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CYCLONEDDS") || k.startsWith("FASTRTPS") || k.startsWith("FASTDDS") || k.startsWith("ROS_")
                || k.startsWith("RMW_"));
        env.put("ROS_DOMAIN_ID", Integer.toString(domainId));
        env.put("CYCLONEDDS_URI", cycloneConfigXml);
        env.put("FASTDDS_LOOPBACK_PROFILE", TestPeers.fastDdsProfile().toString());
        env.put("SKIP_DEFAULT_XML_FILE", "1");
        try {
            return new PeerProcess(exe.getFileName() + " " + String.join(" ", args), pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + exe, e);
        }
    }

    private void pump(BufferedReader in, boolean out) {
        try (in) {
            String line;
            while ((line = in.readLine()) != null) {
                if (out) {
                    lines.add(line);
                } else {
                    synchronized (stderr) {
                        stderr.append(line).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            if (out) {
                lines.add(EOF);
            }
        }
    }

    /** The next stdout line, or an AssertionError naming the peer and its stderr after {@code timeout}. */
    public String nextLine(Duration timeout) {
        try {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError(name + ": no output within " + timeout.toMillis() + " ms" + stderrSuffix());
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                throw new AssertionError(name + ": ended early" + stderrSuffix());
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** Skips lines until one starts with {@code prefix}; returns it. */
    public String expect(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(name + ": no line starting with '" + prefix + "' within " + timeout.toMillis() + " ms" + stderrSuffix());
            }
            String line = nextLine(Duration.ofNanos(left));
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Reads key=value lines up to the line "end". */
    public Map<String, String> readFields(Duration timeout) {
        Map<String, String> fields = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = nextLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (line.equals("end")) {
                return fields;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
    }

    public void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError(name + ": cannot write '" + line + "' (" + e.getMessage() + ")" + stderrSuffix());
        }
    }

    /** Closes stdin and waits for the exit code. */
    public int finish(Duration timeout) {
        try {
            stdin.close();
        } catch (IOException e) {
            // already closed
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + ": did not exit within " + timeout.toMillis() + " ms" + stderrSuffix());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    private String stderrSuffix() {
        String err = stderr();
        return err.isEmpty() ? "" : "; stderr:\n" + err;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stdin.close();
            } catch (IOException e) {
                // ignore
            }
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(3, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
