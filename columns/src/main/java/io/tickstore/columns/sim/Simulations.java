package io.tickstore.columns.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The simulations on the classpath ({@link java.util.ServiceLoader}), by name. */
public final class Simulations {
    private Simulations() {
    }

    /** Every simulation the class loader can see, sorted by name. */
    public static List<Simulation> available() {
        List<Simulation> found = new ArrayList<>();
        for (Simulation s : ServiceLoader.load(Simulation.class, Simulations.class.getClassLoader())) {
            found.add(s);
        }
        found.sort(Comparator.comparing(Simulation::name));
        return found;
    }

    /** The simulation of that name; throws listing the available ones when there is none. */
    public static Simulation named(String name) {
        List<Simulation> all = available();
        for (Simulation s : all) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        List<String> names = new ArrayList<>();
        for (Simulation s : all) {
            names.add(s.name());
        }
        throw new IllegalArgumentException("no simulation named '" + name + "' on the classpath (available: "
                + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
    }
}
