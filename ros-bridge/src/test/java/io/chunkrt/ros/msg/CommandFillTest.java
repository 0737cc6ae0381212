package io.chunkrt.ros.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chunkrt.ros.params.CommandOutput;
import io.chunkrt.ros.testing.AllocationMeter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Turning an action chunk in the card's joint order into each controller's command, without allocation. */
class CommandFillTest {
    private static final List<String> ACTIONS = List.of("l1", "l2", "r1", "r2");
    private final double[] chunk = {
        0.10, 0.20, 0.30, 0.40,   // step 0
        1.10, 1.20, 1.30, 1.40,   // step 1
        2.10, 2.20, 2.30, 2.40};  // step 2

    @Test
    void aForwardControllerGetsItsJointsInItsOwnOrder() {
        CommandOutput right = new CommandOutput.ForwardCommand("right", "/right/commands", List.of("r2", "r1"));
        int[] columns = right.columnsIn(ACTIONS);
        assertArrayEquals(new int[] {3, 2}, columns);
        Float64MultiArrayMessage m = new Float64MultiArrayMessage(4, 0);
        m.setSelected(chunk, 4, columns); // step 1
        assertEquals(2, m.dataLength());
        assertEquals(1.40, m.data()[0]);
        assertEquals(1.30, m.data()[1]);
    }

    @Test
    void aTrajectoryCarriesTheRestOfTheChunkAsPointsWithIncreasingTimes() {
        CommandOutput left = new CommandOutput.JointTrajectory("left", "/left/joint_trajectory", List.of("l1", "l2"), 10);
        JointTrajectoryMessage m = new JointTrajectoryMessage(2, 10);
        m.setJointNames("l1", "l2");
        assertEquals(2, m.setPositionPoints(chunk, 4, 1, 2, left.columnsIn(ACTIONS), 20_000_000L));
        assertEquals(2, m.pointCount());
        assertEquals(1.10, m.point(0).positions()[0]);
        assertEquals(2.20, m.point(1).positions()[1]);
        assertEquals(20_000_000L, m.point(0).timeFromStart.toNanos());
        assertEquals(40_000_000L, m.point(1).timeFromStart.toNanos());
        assertEquals(0, m.point(1).velocityCount());
    }

    @Test
    void jointNamesAreFoundInAnyPublisherOrderWithoutAllocating() {
        JointNameMap map = new JointNameMap(List.of("a", "b", "c"));
        JointStateMessage js = new JointStateMessage(4);
        js.setNames("c", "x", "a", "b");
        int[] at = new int[3];
        assertEquals(3, map.resolve(js, at));
        assertArrayEquals(new int[] {2, 3, 0}, at);
        js.setNames("b", "a");
        assertEquals(2, map.resolve(js, at));
        assertArrayEquals(new int[] {1, 0, -1}, at);
        js.setNames("c", "x", "a", "b");
        for (int i = 0; i < 20_000; i++) {
            map.resolve(js, at);
        }
        long before = AllocationMeter.currentThread();
        for (int i = 0; i < 10_000; i++) {
            map.resolve(js, at);
        }
        assertEquals(0, AllocationMeter.currentThread() - before);
    }
}
