package io.tickstore.snapshot.golden;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.internal.Directories;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.WriteOptions;
import io.tickstore.snapshot.checkpoint.CheckpointPolicy;
import io.tickstore.snapshot.checkpoint.Checkpointer;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.eventlog.EventLogOptions;
import io.tickstore.snapshot.eventlog.EventLogWriter;
import io.tickstore.recording.TableLogging;
import io.tickstore.snapshot.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Writes the golden run {@code data/golden/run-v1}: a run directory as {@code ./tickstore run} makes one, with
 * snapshot format version 1 and event log format version 1 as this code writes them, kept in the repository so
 * every later reader is tested against it ({@code GoldenRunTest}).
 *
 * <p>The run: the reference simulation seeded with {@value #SEED}, {@value #ENTITIES} entities, {@value #TICKS}
 * ticks, a checkpoint every {@value #EVERY} ticks, every mutation logged into {@code events/} with
 * {@value #BUFFER_RECORDS}-record buffers (so the log has several chunks) and the fixed run id {@link #RUN_ID}.
 * Snapshots carry the fixed {@code createdAt} of the golden snapshot, so every byte is reproducible.
 *
 * <p>Run it from the repository root (see {@code data/golden/README.md}):
 * <pre>
 * java … io.tickstore.snapshot.golden.GoldenRunGenerator [output directory, default data/golden/run-v1]
 * </pre>
 */
public final class GoldenRunGenerator {
    public static final long SEED = 7;
    public static final int ENTITIES = 50;
    public static final int TICKS = 400;
    public static final int EVERY = 100;
    public static final int BUFFER_RECORDS = 1024;
    /** "tickstor" in ASCII. */
    public static final long RUN_ID = 0x7469636b73746f72L;
    public static final String GOLDEN_DIR = "data/golden/run-v1";

    private GoldenRunGenerator() {
    }

    /** Writes the run into {@code runDir} (which must not exist) and returns the live world's hash after every tick. */
    public static List<String> writeRun(Path runDir, BufferAllocator allocator) throws IOException {
        WriteOptions snapshots = GoldenSnapshotGenerator.options().withDurability(Durability.FSYNC);
        EventLogOptions log = EventLogOptions.defaults().withBufferRecords(BUFFER_RECORDS).withRunId(RUN_ID)
                .withShutdownHook(false);
        List<String> hashes = new ArrayList<>();
        try (World world = CreatureSimulation.newWorld(allocator, SEED, ENTITIES);
             RunStore run = RunStore.open(runDir, snapshots);
             EventLogWriter events = EventLogWriter.create(EventLogLayout.logDir(runDir), allocator, log);
             Checkpointer checkpoints = new Checkpointer(run, allocator, CheckpointPolicy.everyTicks(EVERY))) {
            // the tables' writes reach the log as a recording logs them, without the rest of a recording (run.json,
            // the writer lock, the flush before the tick-0 snapshot), so these bytes stay what version 1 wrote
            try (TableLogging logging = TableLogging.attach(events, world)) {
                logging.tickEnded(world);
                checkpoints.checkpoint(world);
                hashes.add(ContentHash.hex(world));
                CreatureSimulation sim = new CreatureSimulation(world);
                for (int t = 1; t <= TICKS; t++) {
                    sim.step();
                    logging.tickEnded(world);
                    checkpoints.maybeCheckpoint(world);
                    hashes.add(ContentHash.hex(world));
                }
            }
        }
        return hashes;
    }

    public static void main(String[] args) throws IOException {
        Path out = (args.length > 0 ? Path.of(args[0]) : RepoRoot.locate().resolve(GOLDEN_DIR)).toAbsolutePath().normalize();
        Files.createDirectories(out.getParent());
        Path work = Files.createTempDirectory(out.getParent(), ".golden-run-");
        try (RootAllocator allocator = LeakCheckingAllocator.newDirtyRoot()) {
            Path runDir = work.resolve("run");
            List<String> hashes = writeRun(runDir, allocator);
            Directories.deleteRecursively(out);
            Files.move(runDir, out, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("wrote " + out);
            for (int t = 0; t < hashes.size(); t += 50) {
                System.out.println("tick " + t + " world content hash " + hashes.get(t));
            }
        } finally {
            Directories.deleteRecursively(work);
        }
    }
}
