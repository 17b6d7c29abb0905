package io.tickstore.cli;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;

/** The reference simulation run in this JVM, for comparing what the CLI wrote and rebuilt with the live world. */
final class LiveRuns {
    private LiveRuns() {
    }

    /** The live world's content hash after every tick 0..ticks (element t is tick t). */
    static List<String> hashes(long seed, int entities, int ticks) {
        List<String> hashes = new ArrayList<>(ticks + 1);
        try (RootAllocator allocator = new RootAllocator(); World world = CreatureSimulation.newWorld(allocator, seed, entities)) {
            CreatureSimulation sim = new CreatureSimulation(world);
            hashes.add(ContentHash.hex(world));
            for (int t = 1; t <= ticks; t++) {
                sim.step();
                hashes.add(ContentHash.hex(world));
            }
        }
        return hashes;
    }
}
