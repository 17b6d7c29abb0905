package io.tickstore.columns.trace;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The codebook of a trace collector: every system and event name gets a small stable code once, outside the tick,
 * so a trace call carries two ints instead of two strings and allocates nothing. Codes count up from 0 in the order
 * names are first seen.
 *
 * <p>Thread-safe: names are added under a lock (rarely: once per name), and {@link #name(int)} reads a published
 * array without one, so the trace writer's thread resolves codes while the simulation adds new ones.
 */
public final class TraceNames {
    private final Map<String, Integer> codes = new HashMap<>();
    private volatile String[] names = new String[0];

    /** The code of {@code name}, adding it when new. */
    public synchronized int code(String name) {
        Objects.requireNonNull(name, "name");
        Integer known = codes.get(name);
        if (known != null) {
            return known;
        }
        int code = codes.size();
        codes.put(name, code);
        String[] grown = Arrays.copyOf(names, code + 1);
        grown[code] = name;
        names = grown;
        return code;
    }

    /** The name of {@code code}. */
    public String name(int code) {
        String[] current = names;
        if (code < 0 || code >= current.length) {
            throw new IllegalArgumentException("trace name code " + code + " was never given out (" + current.length + " names known)");
        }
        return current[code];
    }

    /** How many names are known. */
    public int size() {
        return names.length;
    }
}
