package io.chunkrt.cli;

import io.chunkrt.replay.bag.BagFileInfo;
import io.chunkrt.replay.bag.BagInfo;
import io.chunkrt.replay.bag.RosBag;
import io.chunkrt.replay.bag.TopicMessageCount;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chunkrt bag info}: what a rosbag2 bag holds, laid out like {@code ros2 bag info}. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a rosbag2 bag's files, size, storage id, duration, start and end, message count and its"
                + " topics with types, counts and serialization formats (like 'ros2 bag info'). Reads metadata.yaml"
                + " versions 4-9 or, without one, the .db3/.mcap storage files; also checks the counts against the"
                + " storage's own index.")
final class BagInfoCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM d yyyy HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Parameters(paramLabel = "BAG", description = "a bag directory (with or without metadata.yaml) or one .db3/.mcap file")
    Path bag;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> problems;
        try (RosBag opened = RosBag.open(bag)) {
            BagInfo info = opened.info();
            print(info, out);
            printIndexCheck(info, opened.storageCounts(), out);
            problems = opened.problems();
        }
        out.flush();
        if (!problems.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("chunkrt: " + problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                    + " more damaged files)" : ""));
            err.flush();
            return UserErrorHandler.BAD_INPUT;
        }
        return 0;
    }

    static void print(BagInfo info, PrintWriter out) {
        List<BagFileInfo> files = info.files();
        for (int i = 0; i < files.size(); i++) {
            out.printf("%-19s%s%n", i == 0 ? "Files:" : "", files.get(i).path().getFileName());
        }
        out.printf("%-19s%s%n", "Bag size:", size(info.sizeBytes()));
        out.printf("%-19s%s%n", "Storage id:", info.storageId());
        out.printf("%-19s%s%n", "Metadata:", info.metadataVersion() == 0 ? "none (read from the storage files)"
                : "metadata.yaml version " + info.metadataVersion());
        if (!info.rosDistro().isEmpty()) {
            out.printf("%-19s%s%n", "ROS Distro:", info.rosDistro());
        }
        out.printf("%-19s%s%n", "Compression:", info.compressionFormat().isEmpty() ? "none"
                : info.compressionFormat() + " (" + info.compressionMode() + ")");
        out.printf("%-19s%s%n", "Duration:", seconds(info.durationNs()) + "s");
        if (info.messageCount() > 0) {
            out.printf("%-19s%s%n", "Start:", stamp(info.startNs()));
            out.printf("%-19s%s%n", "End:", stamp(info.endNs()));
        }
        out.printf("%-19s%d%n", "Messages:", info.messageCount());
        List<TopicMessageCount> topics = info.topics();
        if (topics.isEmpty()) {
            out.printf("%-19s%n", "Topic information:");
        }
        for (int i = 0; i < topics.size(); i++) {
            TopicMessageCount t = topics.get(i);
            out.printf("%-19sTopic: %s | Type: %s | Count: %d | Serialization Format: %s%n", i == 0 ? "Topic information:" : "",
                    t.topic().name(), t.topic().type(), t.messageCount(), t.topic().serializationFormat());
        }
    }

    private static void printIndexCheck(BagInfo info, Map<String, Long> storage, PrintWriter out) {
        StringBuilder diff = new StringBuilder();
        for (TopicMessageCount t : info.topics()) {
            long indexed = storage.getOrDefault(t.topic().name(), 0L);
            if (indexed != t.messageCount()) {
                diff.append(diff.isEmpty() ? "" : ", ").append(t.topic().name()).append(' ').append(indexed)
                        .append(" (metadata.yaml says ").append(t.messageCount()).append(')');
            }
        }
        out.printf("%-19s%s%n", "Storage index:", diff.isEmpty()
                ? (info.metadataVersion() == 0 ? "counts above are the storage's own" : "counts match metadata.yaml")
                : "differs: " + diff);
    }

    static String seconds(long ns) {
        return String.format(Locale.ROOT, "%d.%09d", ns / 1_000_000_000L, Math.abs(ns % 1_000_000_000L));
    }

    static String stamp(long ns) {
        Instant t = Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
        return STAMP.format(t) + String.format(Locale.ROOT, ".%09d (%s)", Math.floorMod(ns, 1_000_000_000L), seconds(ns));
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
