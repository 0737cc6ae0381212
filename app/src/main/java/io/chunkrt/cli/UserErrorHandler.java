package io.chunkrt.cli;

import io.chunkrt.card.CardException;
import io.chunkrt.fusion.FusionConfigException;
import io.chunkrt.lerobot.LeRobotImportException;
import io.chunkrt.onnxfile.OnnxFileException;
import io.chunkrt.ros.params.ParameterException;
import io.chunkrt.ros.transport.TransportException;
import io.chunkrt.replay.RecordingException;
import io.chunkrt.tensorfile.TensorFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Bad input (a wrong file, card or model) exits with status 2 and one line naming the problem and the fix,
 * never a stack trace. Anything else is a bug: status 1 with the trace in the log.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UserErrorHandler.class);
    static final int BAD_INPUT = 2;
    private static final List<Class<? extends Exception>> USER_ERRORS = List.of(
            CardException.class, TensorFileException.class, OnnxFileException.class, LeRobotImportException.class, RecordingException.class, FusionConfigException.class, ParameterException.class,
            TransportException.class,
            UncheckedIOException.class, IOException.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        for (Class<? extends Exception> type : USER_ERRORS) {
            if (type.isInstance(e)) {
                cli.getErr().println("chunkrt: " + oneLine(e));
                cli.getErr().flush();
                return BAD_INPUT;
            }
        }
        LOG.error("chunkrt {} failed", parsed.subcommand() == null ? "" : parsed.subcommand().commandSpec().name(), e);
        cli.getErr().println("chunkrt: internal error: " + oneLine(e) + " (see the log above; please report it)");
        return 1;
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            m = u.getCause().getMessage();
        }
        return m.lines().findFirst().orElse(m);
    }
}
