package io.chunkrt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chunkrt run}'s command line: every argument reaches the ROS argument parser as given (including the
 * {@code --} that closes a {@code --ros-args} section), and a configuration mistake is one line on stderr with
 * exit status 2, before anything joins DDS.
 */
class RunCliTest {
    private static final Path ARM6 = RepoPaths.repo().resolve("launch/params/arm6_forward.yaml");

    @Test
    void aDoubleDashClosesTheRosArgumentsAsInRcl() {
        CliRun r = CliRun.of("run", "--params", ARM6.toString(), "--ros-args", "-p", "rates.diagnostics_hz:=2.0", "--", "extra");
        assertEquals(2, r.status());
        assertEquals("chunkrt: argument 'extra' is not understood; chunkrt run takes --params FILE, --record BAG_DIR and ROS arguments after --ros-args", r.errLine());
    }

    @Test
    void aCommandedJointWithoutLimitsStopsTheStartWithOneLine(@TempDir Path dir) throws IOException {
        Path params = dir.resolve("params.yaml");
        Files.writeString(params, Files.readString(ARM6).replace("card: ../../models/", "card: " + RepoPaths.models() + "/")
                .replaceAll("(?m)^        max_acceleration: .*\\n", ""));
        CliRun r = CliRun.of("run", "--params", params.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("chunkrt: parameter 'safety.joints.joint_1.max_acceleration' is missing; every commanded joint needs min_position, max_position, "
                + "max_velocity and max_acceleration: set them under safety.joints.joint_1 (or for every joint under safety.defaults)", r.errLine());
        assertEquals("", r.out());
    }

    @Test
    void helpDescribesTheCommand() {
        CliRun r = CliRun.of("run", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("chunkrt run --params FILE.yaml [--record BAG_DIR] [--ros-args"), r.out());
    }
}
