package io.tickstore.examples.creatures;

import io.tickstore.columns.Schema;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimRandom;
import io.tickstore.columns.sim.Simulation;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import java.util.List;

/** The creature world as a {@link Simulation}: {@code ./tickstore run --sim creatures} (the default). */
public final class Creatures implements Simulation {
    public static final String NAME = "creatures";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "creatures that move, forage, breed and die; 8 columns, 36 bytes a row, a tenth of them act each tick";
    }

    @Override
    public List<Schema> schemas() {
        return List.of(CreatureSimulation.SCHEMA);
    }

    @Override
    public void populate(World world, SimRandom random, SimulationSettings settings) {
        CreatureSimulation.populate(world, random, settings.entities());
    }

    @Override
    public List<SimulationSystem> systems(World world) {
        return new CreatureSimulation(world).systems();
    }
}
