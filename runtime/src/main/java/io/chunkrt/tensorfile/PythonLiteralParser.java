package io.chunkrt.tensorfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the small subset of Python literals that numpy writes into a .npy header: a dict of string keys whose
 * values are strings, {@code True}/{@code False}, integers, and tuples or lists of these. Strings become
 * {@link String}, booleans {@link Boolean}, integers {@link Long}, tuples and lists {@link List}, dicts {@link Map}.
 */
final class PythonLiteralParser {
    private final String text;
    private int pos;

    private PythonLiteralParser(String text) {
        this.text = text;
    }

    /** Parses {@code text} as one literal followed only by whitespace; throws {@link IllegalArgumentException}. */
    static Object parse(String text) {
        PythonLiteralParser parser = new PythonLiteralParser(text);
        Object value = parser.value();
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("end of header");
        }
        return value;
    }

    private Object value() {
        skipWhitespace();
        if (pos >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> dict();
            case '(' -> sequence(')');
            case '[' -> sequence(']');
            case '\'', '"' -> string();
            default -> c == '-' || Character.isDigit(c) ? integer() : word();
        };
    }

    private Map<String, Object> dict() {
        Map<String, Object> entries = new LinkedHashMap<>();
        pos++;
        while (true) {
            skipWhitespace();
            if (consume('}')) {
                return entries;
            }
            if (!(value() instanceof String key)) {
                throw error("a string key");
            }
            skipWhitespace();
            expect(':');
            entries.put(key, value());
            skipWhitespace();
            if (!consume(',')) {
                skipWhitespace();
                expect('}');
                return entries;
            }
        }
    }

    private List<Object> sequence(char close) {
        List<Object> items = new ArrayList<>();
        pos++;
        while (true) {
            skipWhitespace();
            if (consume(close)) {
                return items;
            }
            items.add(value());
            skipWhitespace();
            if (!consume(',')) {
                skipWhitespace();
                expect(close);
                return items;
            }
        }
    }

    private String string() {
        char quote = text.charAt(pos++);
        int end = text.indexOf(quote, pos);
        if (end < 0) {
            throw error("closing " + quote);
        }
        String value = text.substring(pos, end);
        pos = end + 1;
        return value;
    }

    private Long integer() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        // Python 2 era numpy wrote long dimensions as 3L.
        int end = pos;
        if (pos < text.length() && text.charAt(pos) == 'L') {
            pos++;
        }
        try {
            return Long.parseLong(text.substring(start, end));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("an integer");
        }
    }

    private Boolean word() {
        if (text.startsWith("True", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("False", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        throw error("a value");
    }

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean consume(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("'" + c + "'");
        }
    }

    private IllegalArgumentException error(String expected) {
        String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "the end";
        return new IllegalArgumentException("expected " + expected + " at character " + pos + " but found " + found);
    }
}
