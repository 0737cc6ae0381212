package io.chunkrt.replay.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.card.CardException;
import io.chunkrt.safety.SafetyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay's safety limits file: per-joint limits in the card's joint order, a default, and one-line refusals. */
class SafetyLimitsFileTest {
    @TempDir
    Path tmp;

    private SafetyConfig load(String yaml) throws Exception {
        Path f = tmp.resolve("limits.yaml");
        Files.writeString(f, yaml);
        return SafetyLimitsFile.load(f, List.of("a", "b"));
    }

    private String refused(String yaml) throws Exception {
        Path f = tmp.resolve("limits.yaml");
        Files.writeString(f, yaml);
        String m = assertThrows(CardException.class, () -> SafetyLimitsFile.load(f, List.of("a", "b"))).getMessage();
        assertEquals(1, m.lines().count(), m);
        return m;
    }

    @Test
    void limitsComeInTheCardsJointOrderWithTheDefaultForUnlistedJoints() throws Exception {
        SafetyConfig c = load("""
                joints:
                  b: {position: [-1, 2], velocity: 3, acceleration: 4}
                default: {position: [-5, 5], velocity: 6, acceleration: 7}
                max_step_from_measured: 0.25
                soft_start_s: 0.5
                observation_stale_ms: 80
                """);
        assertEquals("a", c.joints().get(0).joint());
        assertEquals(-5, c.joints().get(0).positionMin());
        assertEquals(6, c.joints().get(0).velocityMax());
        assertEquals("b", c.joints().get(1).joint());
        assertEquals(2, c.joints().get(1).positionMax());
        assertEquals(4, c.joints().get(1).accelerationMax());
        assertEquals(0.25, c.maxStepFromMeasured());
        assertEquals(500_000_000L, c.softStartNs());
        assertEquals(80_000_000L, c.observationStaleNs());
        assertEquals(1_000_000_000L, c.actionStaleNs());
        assertTrue(Double.isNaN(load("default: {position: [-1, 1], velocity: 1, acceleration: 1}\n").maxStepFromMeasured()), "absent: off");
    }

    @Test
    void mistakesAreRefusedInOneLineNamingTheFix() throws Exception {
        assertTrue(refused("joints:\n  a: {position: [-1, 1], velocity: 1, acceleration: 1}\n")
                .contains("has no limits for commanded joint 'b'; list it under joints or give a default"));
        assertTrue(refused("default: {position: [-1, 1], velocity: 1, acceleration: 1}\njoints:\n  c: {position: [-1, 1], velocity: 1, acceleration: 1}\n")
                .contains("lists joint 'c', which the card does not command"));
        assertTrue(refused("default: {position: [1, -1], velocity: 1, acceleration: 1}\n").contains("must be finite with min < max"));
        assertTrue(refused("default: {position: [-1, 1], velocity: 1, accel: 1}\n").contains("unknown field 'accel'; its fields are [acceleration, position, velocity]"));
        assertTrue(refused("defaults: {}\n").contains("unknown field 'defaults'"));
        assertTrue(refused("default: {position: 1, velocity: 1, acceleration: 1}\n").contains("expected [min, max]"));
    }
}
