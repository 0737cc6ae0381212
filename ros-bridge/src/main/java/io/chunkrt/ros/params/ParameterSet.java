package io.chunkrt.ros.params;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Flat, typed access to a node's parameters that remembers which ones were read, so that anything left over
 * can be reported as unknown. Every error names the parameter, its value and where it came from.
 */
final class ParameterSet {
    private final Map<String, Object> values;
    private final Map<String, String> origins;
    private final Set<String> used = new LinkedHashSet<>();

    ParameterSet(Map<String, Object> values, Map<String, String> origins) {
        this.values = new LinkedHashMap<>(values);
        this.origins = origins;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    private Object raw(String name) {
        used.add(name);
        return values.get(name);
    }

    String origin(String name) {
        return origins.getOrDefault(name, "the command line");
    }

    ParameterException error(String name, String problem) {
        return new ParameterException("parameter '" + name + "' " + problem + " (from " + origin(name) + ")");
    }

    private ParameterException missing(String name, String example) {
        return new ParameterException("parameter '" + name + "' is missing; set it in the params file or with -p " + name + ":=" + example);
    }

    String string(String name, String example) {
        Object v = raw(name);
        if (v == null) {
            throw missing(name, example);
        }
        if (!(v instanceof String s)) {
            throw error(name, "is " + show(v) + ", not a string; write it as text, e.g. " + example);
        }
        if (s.isBlank()) {
            throw error(name, "is empty; give e.g. " + example);
        }
        return s;
    }

    String string(String name, String defaultValue, String example) {
        return has(name) ? string(name, example) : markDefault(name, defaultValue);
    }

    private <T> T markDefault(String name, T value) {
        used.add(name);
        return value;
    }

    double number(String name, double defaultValue, double min, double max) {
        if (!has(name)) {
            return markDefault(name, defaultValue);
        }
        Object v = raw(name);
        double d;
        if (v instanceof Long l) {
            d = l;
        } else if (v instanceof Double x) {
            d = x;
        } else {
            throw error(name, "is " + show(v) + ", not a number");
        }
        if (!(d >= min && d <= max)) {
            throw error(name, "is " + show(v) + "; use a value from " + trim(min) + " to " + trim(max));
        }
        return d;
    }

    int integer(String name, int defaultValue, int min, int max) {
        if (!has(name)) {
            return markDefault(name, defaultValue);
        }
        Object v = raw(name);
        if (!(v instanceof Long l)) {
            throw error(name, "is " + show(v) + ", not an integer");
        }
        if (l < min || l > max) {
            throw error(name, "is " + l + "; use an integer from " + min + " to " + max);
        }
        return (int) (long) l;
    }

    int requiredInteger(String name, int min, int max) {
        if (!has(name)) {
            throw missing(name, Integer.toString(Math.max(min, 1)));
        }
        return integer(name, 0, min, max);
    }

    boolean bool(String name, boolean defaultValue) {
        if (!has(name)) {
            return markDefault(name, defaultValue);
        }
        Object v = raw(name);
        if (!(v instanceof Boolean b)) {
            throw error(name, "is " + show(v) + ", not true or false");
        }
        return b;
    }

    List<String> strings(String name, List<String> defaultValue, String example) {
        if (!has(name)) {
            if (defaultValue == null) {
                throw missing(name, example);
            }
            return markDefault(name, defaultValue);
        }
        Object v = raw(name);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw error(name, "holds " + show(o) + ", not a string; it is a list of names, e.g. " + example);
                }
                out.add(s);
            }
        } else {
            throw error(name, "is " + show(v) + ", not a list; write it as a list, e.g. " + example);
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String s : out) {
            if (!seen.add(s)) {
                throw error(name, "lists '" + s + "' twice; each entry appears once");
            }
        }
        return List.copyOf(out);
    }

    <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
        if (!has(name)) {
            if (defaultValue == null) {
                throw missing(name, type.getEnumConstants()[0].name().toLowerCase(Locale.ROOT));
            }
            return markDefault(name, defaultValue);
        }
        Object v = raw(name);
        List<String> valid = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            valid.add(e.name().toLowerCase(Locale.ROOT));
            if (v instanceof String s && e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw error(name, "is " + show(v) + "; use one of " + String.join(", ", valid));
    }

    /** Parameters that were given but never read: unknown to the node. */
    Set<String> unused() {
        Set<String> out = new TreeSet<>(values.keySet());
        out.removeAll(used);
        return out;
    }

    Set<String> names() {
        return values.keySet();
    }

    static String show(Object v) {
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof List<?> l) {
            List<String> items = new ArrayList<>();
            for (Object o : l) {
                items.add(show(o));
            }
            return "[" + String.join(", ", items) + "]";
        }
        return String.valueOf(v);
    }

    private static String trim(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
