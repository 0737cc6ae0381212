package io.chunkrt.ros.peer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The UDP sockets a process holds, from /proc: which address and port each is bound to. */
public final class ProcessSockets {
    /** One bound UDP socket; {@code address} is dotted IPv4, or "ipv6" for an IPv6 socket. */
    public record Bound(String address, int port) {}

    private ProcessSockets() {}

    public static List<Bound> udp(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // the descriptor closed while we looked
                }
            }
        }
        List<Bound> out = new ArrayList<>();
        read(Path.of("/proc", Long.toString(pid), "net", "udp"), inodes, out, false);
        read(Path.of("/proc", Long.toString(pid), "net", "udp6"), inodes, out, true);
        return out;
    }

    private static void read(Path table, Set<String> inodes, List<Bound> out, boolean v6) throws IOException {
        if (!Files.exists(table)) {
            return;
        }
        List<String> lines = Files.readAllLines(table);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 10 || !inodes.contains(f[9])) {
                continue;
            }
            String[] local = f[1].split(":");
            int port = Integer.parseInt(local[1], 16);
            if (v6) {
                out.add(new Bound("ipv6", port));
            } else {
                long a = Long.parseLong(local[0], 16); // little-endian on the hosts we run on
                out.add(new Bound((a & 0xff) + "." + ((a >> 8) & 0xff) + "." + ((a >> 16) & 0xff) + "." + ((a >> 24) & 0xff), port));
            }
        }
    }
}
