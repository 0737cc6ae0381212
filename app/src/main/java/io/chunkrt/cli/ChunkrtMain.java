package io.chunkrt.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code chunkrt} command: runs, inspects and replays ONNX robot policies. */
@Command(
        name = "chunkrt",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs learned robot-manipulation policies exported to ONNX.",
        subcommands = {DemoCommand.class, RunCommand.class, ReplayCommand.class, InspectCommand.class, InferCommand.class, ImportLeRobotCommand.class,
                BagCommand.class,
                CommandLine.HelpCommand.class})
public final class ChunkrtMain {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status (2 for bad input, with one line on stderr). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new ChunkrtMain());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        return cli.execute(args);
    }
}
