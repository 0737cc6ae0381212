package io.chunkrt.ros.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.ros.peer.TestPeers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch files byte-compile with {@code python3 -m py_compile} (ROS 2 is not installed here, so they are
 * not executed), and the Gazebo description they use is well-formed XML that names the controllers file.
 */
class LaunchFilesTest {
    private static final Path LAUNCH = TestPeers.repo().resolve("launch");

    @Test
    void everyLaunchFileCompilesWithPython3(@TempDir Path cache) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3", "-m", "py_compile"));
        try (Stream<Path> files = Files.list(LAUNCH)) {
            files.filter(f -> f.toString().endsWith(".launch.py")).sorted().forEach(f -> cmd.add(f.toString()));
        }
        assertEquals(5, cmd.size(), "policy.launch.py and gazebo.launch.py: " + cmd);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PYTHONPYCACHEPREFIX", cache.toString()); // keep __pycache__ out of the repository
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 -m py_compile did not finish");
        assertEquals(0, p.exitValue(), out);
    }

    @Test
    void theGazeboArmDescriptionIsWellFormedAndUsesGzRos2Control() throws Exception {
        Path urdf = LAUNCH.resolve("gazebo/arm6.urdf");
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(urdf.toFile());
        assertEquals("robot", doc.getDocumentElement().getTagName());
        String text = Files.readString(urdf);
        assertTrue(text.contains("<plugin>gz_ros2_control/GazeboSimSystem</plugin>"));
        assertTrue(text.contains("<parameters>@CONTROLLERS_YAML@</parameters>"));
        for (int i = 1; i <= 6; i++) {
            assertTrue(text.contains("<joint name=\"joint_" + i + "\" type=\"revolute\">"), "joint_" + i);
        }
        assertTrue(Files.readString(LAUNCH.resolve("gazebo/arm6_controllers.yaml")).contains("joints: [joint_1, joint_2, joint_3, joint_4, joint_5, joint_6]"));
    }
}
