package io.tickstore.columns.sim;

/**
 * One step of a tick (movement, feeding, cleanup, ...): named, so a recording can time each one and report the
 * timings with the tick.
 */
public interface SimulationSystem {
    String name();

    /** Advances this system's part of the tick {@link TickContext#tick()}. */
    void run(TickContext tick);

    /** A system from a name and a body. */
    static SimulationSystem of(String name, java.util.function.Consumer<TickContext> body) {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(body, "body");
        return new SimulationSystem() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(TickContext tick) {
                body.accept(tick);
            }

            @Override
            public String toString() {
                return "SimulationSystem[" + name + "]";
            }
        };
    }
}
