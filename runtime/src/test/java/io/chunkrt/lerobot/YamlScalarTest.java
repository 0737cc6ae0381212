package io.chunkrt.lerobot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlScalarTest {

    @Test
    void leavesNamesAndRelativePathsPlain() {
        assertEquals("observation.images.top", YamlScalar.text("observation.images.top"));
        assertEquals("left_wrist_angle", YamlScalar.text("left_wrist_angle"));
        assertEquals("../models/act.onnx", YamlScalar.text("../models/act.onnx"));
        assertEquals("/abs/act.onnx", YamlScalar.text("/abs/act.onnx"));
    }

    @Test
    void quotesStringsYamlWouldReadAsSomethingElse() {
        for (String value : List.of("on", "No", "TRUE", "null", "y", "1.5", "12", ".5", ".inf", "-1", "a: b", "",
                "x y", "#x", "[x]", "*x")) {
            assertEquals('"' + value + '"', YamlScalar.text(value), value);
        }
    }

    @Test
    void escapesQuotesAndBackslashesInQuotedStrings() {
        assertEquals("\"C:\\\\models\\\\\\\"act\\\".onnx\"", YamlScalar.text("C:\\models\\\"act\".onnx"));
    }

    @Test
    void signsPositiveExponentsSoYaml11ReadsAFloat() {
        assertEquals("1.0E+10", YamlScalar.number(1e10));
        assertEquals("1.0E-8", YamlScalar.number(1e-8));
        assertEquals("1.0000000200408773E+20", YamlScalar.number(1e20f));
        assertEquals("0.5", YamlScalar.number(0.5f));
    }

    @Test
    void writesWholeRatesAsIntegersAndOthersAsDecimals() {
        assertEquals("50", YamlScalar.wholeOrNumber(50));
        assertEquals("0.5", YamlScalar.wholeOrNumber(0.5));
        assertEquals("12.5", YamlScalar.wholeOrNumber(12.5));
    }

    @Test
    void rejectsNonFiniteNumbers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> YamlScalar.number(Float.NaN));

        assertEquals("a policy card cannot hold the non-finite number NaN", e.getMessage());
    }

    @Test
    void writesFlowListsOfNamesAndNumbers() {
        assertEquals("[a, \"on\"]", YamlScalar.textList(List.of("a", "on")));
        assertEquals("[0.25, -1.0]", YamlScalar.numberList(new float[] {0.25f, -1f}));
    }
}
