package io.chunkrt.cli;

import picocli.CommandLine.Command;

/** {@code chunkrt bag}: commands on recorded rosbag2 bags. */
@Command(name = "bag", mixinStandardHelpOptions = true, description = "Inspect recorded rosbag2 bags (sqlite3 and MCAP).",
        subcommands = {BagInfoCommand.class})
final class BagCommand {
}
