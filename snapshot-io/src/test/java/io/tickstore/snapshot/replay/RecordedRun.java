package io.tickstore.snapshot.replay;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.CreatureSimulation;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.WriteOptions;
import io.tickstore.snapshot.checkpoint.CheckpointPolicy;
import io.tickstore.snapshot.checkpoint.Checkpointer;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.eventlog.EventLogOptions;
import io.tickstore.snapshot.eventlog.EventLogWriter;
import io.tickstore.snapshot.store.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A run of the reference simulation as the CLI makes one: every mutation logged into {@code RUN/events/}, a
 * checkpoint every K ticks (tick 0 first, awaited), and the live world's hash after every tick for comparison.
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
        WriteOptions writes = WriteOptions.defaults().withDurability(Durability.PAGE_CACHE).withThreads(1);
        try (World world = CreatureSimulation.newWorld(allocator, seed, entities);
             RunStore run = RunStore.open(runDir, writes);
             EventLogWriter log = EventLogWriter.create(EventLogLayout.logDir(runDir), allocator, logOptions());
             Checkpointer checkpoints = new Checkpointer(run, allocator, CheckpointPolicy.everyTicks(every))) {
            LogRecorder recorder = new LogRecorder(log);
            recorder.register(world);
            recorder.tickEnded(world);
            checkpoints.checkpoint(world);
            checkpoints.awaitDurable(0);
            hashes.add(ContentHash.hex(world));
            CreatureSimulation sim = new CreatureSimulation(world, recorder);
            for (int t = 1; t <= ticks; t++) {
                sim.step();
                checkpoints.maybeCheckpoint(world);
                hashes.add(ContentHash.hex(world));
            }
        }
        return hashes;
    }
}
