package io.chunkrt.card;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A YAML node of a card that knows its path, so every problem is reported as one line naming the card,
 * the field, the value found and what was expected.
 */
final class CardNode {
    private final JsonNode node;
    private final String path;
    private final String cardName;

    CardNode(JsonNode node, String path, String cardName) {
        this.node = node;
        this.path = path;
        this.cardName = cardName;
    }

    String path() {
        return path;
    }

    boolean has(String key) {
        return node.hasNonNull(key);
    }

    boolean isText(String key) {
        return node.hasNonNull(key) && node.get(key).isTextual();
    }

    String fieldPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    CardException error(String key, String problem) {
        return new CardException("card " + cardName + ": " + fieldPath(key) + " " + problem);
    }

    CardException error(String problem) {
        return new CardException("card " + cardName + ": " + (path.isEmpty() ? "" : path + " ") + problem);
    }

    /** Rejects unknown keys, which is how a misspelled optional field gets caught instead of ignored. */
    void allowOnly(String... keys) {
        Set<String> allowed = new TreeSet<>(Arrays.asList(keys));
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw error("has unknown field '" + key + "'; valid fields are " + String.join(", ", keys));
            }
        }
    }

    CardNode child(String key) {
        JsonNode c = node.get(key);
        if (c == null || c.isNull()) {
            throw error(key, "is missing; add it to the card (see docs/policy-card.md)");
        }
        if (!c.isObject()) {
            throw error(key, "is '" + c.asText() + "'; expected a mapping of fields");
        }
        return new CardNode(c, fieldPath(key), cardName);
    }

    CardNode optionalChild(String key) {
        return has(key) ? child(key) : null;
    }

    String string(String key) {
        JsonNode c = node.get(key);
        if (c == null || c.isNull()) {
            throw error(key, "is missing; add it to the card (see docs/policy-card.md)");
        }
        if (!c.isValueNode() || c.asText().isBlank()) {
            throw error(key, "is '" + c + "'; expected a non-empty text value");
        }
        return c.asText();
    }

    String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    int integer(String key, int min, int fallback) {
        if (!has(key)) {
            return fallback;
        }
        return integer(key, min);
    }

    int integer(String key, int min) {
        JsonNode c = node.get(key);
        if (c == null || c.isNull()) {
            throw error(key, "is missing; add an integer >= " + min);
        }
        if (!c.canConvertToInt() || !(c.isIntegralNumber() || (c.isTextual() && c.asText().matches("-?\\d+")))) {
            throw error(key, "is '" + c.asText() + "'; expected an integer >= " + min);
        }
        int value = c.asInt();
        if (value < min) {
            throw error(key, "is " + value + "; expected an integer >= " + min);
        }
        return value;
    }

    double positive(String key, double fallback) {
        double v = number(key, fallback);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw error(key, "is " + v + "; expected a finite number > 0");
        }
        return v;
    }

    double number(String key, double fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode c = node.get(key);
        if (!c.isNumber()) {
            try {
                return Double.parseDouble(c.asText());
            } catch (NumberFormatException e) {
                throw error(key, "is '" + c.asText() + "'; expected a number");
            }
        }
        return c.asDouble();
    }

    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode c = node.get(key);
        if (!c.isBoolean()) {
            throw error(key, "is '" + c.asText() + "'; expected true or false");
        }
        return c.asBoolean();
    }

    /** Enum constants are written in the card in lower case: {@code mean_std}, {@code squaredcos_cap_v2}. */
    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        if (!has(key)) {
            if (fallback == null) {
                throw error(key, "is missing; expected one of " + choices(type));
            }
            return fallback;
        }
        String text = node.get(key).asText();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        throw error(key, "is '" + text + "'; expected one of " + choices(type));
    }

    static <E extends Enum<E>> String choices(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        return String.join(", ", names);
    }

    List<String> strings(String key) {
        JsonNode c = node.get(key);
        if (c == null || c.isNull()) {
            throw error(key, "is missing; expected a list of names");
        }
        if (!c.isArray() || c.isEmpty()) {
            throw error(key, "is '" + c + "'; expected a non-empty list of names");
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (JsonNode e : c) {
            String s = e.asText();
            if (!e.isValueNode() || s.isBlank()) {
                throw error(key, "has entry '" + e + "'; expected a name");
            }
            if (!seen.add(s)) {
                throw error(key, "lists '" + s + "' twice; each name must appear once");
            }
            out.add(s);
        }
        return out;
    }

    float[] floats(String key) {
        JsonNode c = node.get(key);
        if (c == null || !c.isArray()) {
            throw error(key, "is '" + c + "'; expected a list of numbers");
        }
        float[] out = new float[c.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = c.get(i);
            if (!e.isNumber()) {
                throw error(key, "[" + i + "] is '" + e.asText() + "'; expected a number");
            }
            out[i] = (float) e.asDouble();
            if (!Float.isFinite(out[i])) {
                throw error(key, "[" + i + "] is " + e.asText() + "; expected a finite float32");
            }
        }
        return out;
    }

    List<CardNode> list(String key) {
        JsonNode c = node.get(key);
        if (c == null || !c.isArray() || c.isEmpty()) {
            throw error(key, "is '" + c + "'; expected a non-empty list");
        }
        List<CardNode> out = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            if (!c.get(i).isObject()) {
                throw error(key, "[" + i + "] is '" + c.get(i).asText() + "'; expected a mapping of fields");
            }
            out.add(new CardNode(c.get(i), fieldPath(key) + "[" + i + "]", cardName));
        }
        return out;
    }

    List<String> keys() {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
