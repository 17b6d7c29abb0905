package io.tickstore.cli;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.Simulation;
import io.tickstore.columns.sim.SimulationRunner;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.examples.creatures.Creatures;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;

/** A simulation run in this JVM, unrecorded, for comparing what the CLI wrote and rebuilt with the live world. */
final class LiveRuns {
    private LiveRuns() {
    }

    /** The reference simulation's content hash after every tick 0..ticks (element t is tick t). */
    static List<String> hashes(long seed, int entities, int ticks) {
        return hashes(new Creatures(), new SimulationSettings(seed, entities), ticks);
    }

    /** Any simulation's content hash after every tick 0..ticks. */
    static List<String> hashes(Simulation simulation, SimulationSettings settings, int ticks) {
        List<String> hashes = new ArrayList<>(ticks + 1);
        try (RootAllocator allocator = new RootAllocator(); World world = SimulationRunner.newWorld(simulation, allocator, settings)) {
            SimulationRunner runner = new SimulationRunner(simulation, world);
            hashes.add(ContentHash.hex(world));
            for (int t = 1; t <= ticks; t++) {
                runner.step();
                hashes.add(ContentHash.hex(world));
            }
        }
        return hashes;
    }
}
