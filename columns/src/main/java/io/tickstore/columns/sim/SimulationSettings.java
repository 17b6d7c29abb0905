package io.tickstore.columns.sim;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a run of a simulation is started with: the seed, the number of entities at tick 0, and the
 * simulation's own parameters by name (strings, as a command line gives them).
 *
 * @param seed the generator's seed
 * @param entities entities at tick 0
 * @param parameters the simulation's own settings; sorted, never null
 */
public record SimulationSettings(long seed, long entities, Map<String, String> parameters) {
    public SimulationSettings {
        if (entities < 0) {
            throw new IllegalArgumentException("entities " + entities + " is negative");
        }
        parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(parameters, "parameters")));
    }

    public SimulationSettings(long seed, long entities) {
        this(seed, entities, Map.of());
    }

    /** A parameter as a long, or {@code defaultValue} when it is not set; throws naming it when it is not a number. */
    public long longParameter(String name, long defaultValue) {
        String value = parameters.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + "=" + value + " is not an integer");
        }
    }

    /** A parameter as a double, or {@code defaultValue} when it is not set. */
    public double doubleParameter(String name, double defaultValue) {
        String value = parameters.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + "=" + value + " is not a number");
        }
    }
}
