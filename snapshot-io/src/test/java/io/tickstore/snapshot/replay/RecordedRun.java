package io.tickstore.snapshot.replay;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.examples.creatures.Creatures;
import io.tickstore.recording.Recording;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.eventlog.EventLogOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A recorded run of the reference simulation: every mutation logged into {@code RUN/events/}, a checkpoint every K
 * ticks (tick 0 first, and the last tick when the recording closes), and the live world's hash after every tick for
 * comparison.
 */
final class RecordedRun {
    private RecordedRun() {
    }

    static EventLogOptions logOptions() {
        return EventLogOptions.defaults().withBufferRecords(4096).withDurability(Durability.PAGE_CACHE).withShutdownHook(false);
    }

    /** Runs {@code ticks} ticks into {@code runDir}; element t of the result is the live world's hash at tick t. */
    static List<String> record(Path runDir, BufferAllocator allocator, long seed, int entities, int ticks, int every)
            throws IOException {
        List<String> hashes = new ArrayList<>();
        try (Recording rec = Recording.at(runDir).checkpointEvery(every).fsync(false).logBufferRecords(4096)
                .simulation(new Creatures(), new SimulationSettings(seed, entities)).create(allocator)) {
            hashes.add(ContentHash.hex(rec.world()));
            List<SimulationSystem> systems = new CreatureSimulation(rec.world()).systems();
            for (int t = 1; t <= ticks; t++) {
                rec.step(systems);
                hashes.add(ContentHash.hex(rec.world()));
            }
        }
        return hashes;
    }
}
