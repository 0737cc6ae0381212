package io.chunkrt.replay;

import io.chunkrt.testing.TestPaths;
import java.nio.file.Path;

/** The shared third-party recordings; tests that need them are skipped on a fresh clone without ../shared. */
public final class ReplayTestData {
    private ReplayTestData() {
    }

    /** ../shared/testdata/rosbag2/ros2_rosbag2 (skips the test when absent). */
    public static Path rosbag2() {
        return TestPaths.sharedTestdata().resolve("rosbag2/ros2_rosbag2");
    }

    /** ../shared/testdata/lerobot/nimicurtis_so101_ros2_example (skips the test when absent). */
    public static Path lerobotDataset() {
        return TestPaths.sharedTestdata().resolve("lerobot/nimicurtis_so101_ros2_example");
    }

    public static Path goldenFrames() {
        return TestPaths.sharedTestdata().resolve("golden/video_frames");
    }
}
