package io.tickstore.snapshot.golden;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimRandom;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.recording.TableLogging;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.WriteOptions;
import io.tickstore.snapshot.checkpoint.CheckpointPolicy;
import io.tickstore.snapshot.checkpoint.Checkpointer;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.eventlog.EventLogOptions;
import io.tickstore.snapshot.eventlog.EventLogWriter;
import io.tickstore.snapshot.internal.Directories;
import io.tickstore.snapshot.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Writes the golden run {@code data/golden/run-v2}: snapshot format version 2 and event log format version 2 (chunks
 * with value areas, codebook version 2) as this code writes them, kept in the repository so every later reader is
 * tested against it ({@code GoldenRunV2Test}).
 *
 * <p>The run: a {@code hexes} table of {@link GoldenSnapshotV2Generator}'s schema (a column of every kind) with
 * {@value #ROWS} rows written at tick 0, then {@value #TICKS} ticks in which the generator ({@link SimRandom} seeded
 * with {@value #SEED}) writes whole arrays and single elements, categorical strings new and known (so the dictionaries
 * grow in the log), codes, text, JSON and lists, and removes and adds rows; a checkpoint every {@value #EVERY} ticks,
 * {@value #BUFFER_RECORDS}-record buffers and the run id of {@code run-v1}. Every write here is spelled out, so the
 * bytes depend on nothing but this file and the format.
 *
 * <pre>
 * java … io.tickstore.snapshot.golden.GoldenRunV2Generator [output directory, default data/golden/run-v2]
 * </pre>
 */
public final class GoldenRunV2Generator {
    public static final long SEED = 11;
    public static final int ROWS = 30;
    public static final int TICKS = 60;
    public static final int EVERY = 20;
    public static final int BUFFER_RECORDS = 256;
    public static final String GOLDEN_DIR = "data/golden/run-v2";

    private static final String[] WORDS = {"ash", "birch", "Doña", "東京", "🦊", "a,b", "\"q\""};

    private GoldenRunV2Generator() {
    }

    /** One write of a random column of a random row, through the Table API, as a simulation's system would. */
    static void write(Table t, SimRandom r, long tick) {
        long row = r.nextInt((int) t.rowCount());
        switch (r.nextInt(11)) {
            case 0: t.setInt(0, row, r.nextInt(1_000_000)); break;
            case 1: t.setString(1, row, r.nextInt(3) == 0 ? "county " + tick : GoldenSnapshotV2Generator.COUNTIES[r.nextInt(5)]); break;
            case 2: t.setCode(2, row, r.nextInt(t.dictionary(2).size())); break;
            case 3: t.setArray(3, row, new double[] {r.nextDouble(), -r.nextDouble(), tick}); break;
            case 4: t.setFloat(4, row, r.nextInt(8), r.nextFloat()); break;
            case 5: t.setDouble(5, row, r.nextInt(12), tick * 0.5); break;
            case 6: t.setShort(6, row, r.nextInt(2), (short) r.nextInt(65536)); break;
            case 7: t.setBoolean(7, row, r.nextInt(3), r.nextInt(2) == 0); break;
            case 8: t.setString(8, row, WORDS[r.nextInt(WORDS.length)].repeat(1 + r.nextInt(4))); break;
            case 9: t.setString(9, row, "{\"tick\": " + tick + ", \"w\": \"" + WORDS[r.nextInt(4)] + "\", \"x\": [" + r.nextInt(9) + "]}"); break;
            default: t.setStrings(10, row, List.of(WORDS[r.nextInt(WORDS.length)], "org-" + r.nextInt(100)).subList(0, 1 + r.nextInt(2))); break;
        }
    }

    /** Writes the run into {@code runDir} (which must not exist) and returns the live world's hash after every tick. */
    public static List<String> writeRun(Path runDir, BufferAllocator allocator) throws IOException {
        WriteOptions snapshots = GoldenSnapshotGenerator.options().withDurability(Durability.FSYNC);
        EventLogOptions log = EventLogOptions.defaults().withBufferRecords(BUFFER_RECORDS).withRunId(GoldenRunGenerator.RUN_ID)
                .withShutdownHook(false);
        List<String> hashes = new ArrayList<>();
        SimRandom random = new SimRandom(SEED);
        try (World world = new World(allocator);
             RunStore run = RunStore.open(runDir, snapshots);
             EventLogWriter events = EventLogWriter.create(EventLogLayout.logDir(runDir), allocator, log);
             Checkpointer checkpoints = new Checkpointer(run, allocator, CheckpointPolicy.everyTicks(EVERY))) {
            Table hexes = world.createTable(GoldenSnapshotV2Generator.schema("hexes"), ROWS);
            for (int i = 0; i < ROWS; i++) {
                hexes.addRow();
                for (int w = 0; w < 4; w++) {
                    write(hexes, random, 0);
                }
            }
            world.setRngState(random.state());
            try (TableLogging logging = TableLogging.attach(events, world)) {
                logging.tickEnded(world);
                checkpoints.checkpoint(world);
                hashes.add(ContentHash.hex(world));
                for (int t = 1; t <= TICKS; t++) {
                    for (int w = 0; w < 12; w++) {
                        write(hexes, random, t);
                    }
                    if (t % 3 == 0) {
                        hexes.removeRow(random.nextInt((int) hexes.rowCount()));
                    }
                    if (t % 4 == 0) {
                        write(hexes, random, t);
                        hexes.addRow();
                    }
                    world.setTick(t);
                    world.setRngState(random.state());
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
            for (int t = 0; t < hashes.size(); t += 5) {
                System.out.println("tick " + t + " world content hash " + hashes.get(t));
            }
        } finally {
            Directories.deleteRecursively(work);
        }
    }
}
