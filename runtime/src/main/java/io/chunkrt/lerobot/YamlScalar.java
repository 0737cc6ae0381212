package io.chunkrt.lerobot;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Spells values as YAML 1.1 scalars that every loader (SnakeYAML, PyYAML, Jackson) reads back as the same type and
 * value: floats keep a dot and a signed exponent, strings that would read as something else are quoted.
 */
final class YamlScalar {
    // A letter or '_' first, or '.' or '/' not followed by a digit (".5" reads as a float); no YAML indicators.
    private static final Pattern PLAIN = Pattern.compile("(?:[A-Za-z_]|[./](?![0-9]))[A-Za-z0-9_./-]*");
    private static final Set<String> RESERVED = Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null",
            ".inf", ".nan");

    private YamlScalar() {
    }

    static String text(String value) {
        if (PLAIN.matcher(value).matches() && !RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * The float's exact value as the shortest decimal that reads back as the same double, so a loader that parses
     * to double gets the float exactly too (Float.toString's shorter digits only round-trip through float).
     */
    static String number(float value) {
        requireFinite(value);
        return withSignedExponent(Double.toString(value));
    }

    /** The shortest decimal that reads back as exactly this double. */
    static String number(double value) {
        requireFinite(value);
        return withSignedExponent(Double.toString(value));
    }

    /** An integer when the value is whole (a rate of 50 reads as {@code 50}), else as {@link #number(double)}. */
    static String wholeOrNumber(double value) {
        requireFinite(value);
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : number(value);
    }

    static String bool(boolean value) {
        return value ? "true" : "false";
    }

    static String textList(List<String> values) {
        StringJoiner list = new StringJoiner(", ", "[", "]");
        values.forEach(value -> list.add(text(value)));
        return list.toString();
    }

    static String numberList(float[] values) {
        StringJoiner list = new StringJoiner(", ", "[", "]");
        for (float value : values) {
            list.add(number(value));
        }
        return list.toString();
    }

    // YAML 1.1 reads 1.0E10 as a string; 1.0E+10 is a float.
    private static String withSignedExponent(String decimal) {
        int exponent = decimal.indexOf('E');
        return exponent < 0 || decimal.charAt(exponent + 1) == '-' ? decimal
                : decimal.substring(0, exponent + 1) + '+' + decimal.substring(exponent + 1);
    }

    private static void requireFinite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a policy card cannot hold the non-finite number " + value);
        }
    }
}
