package io.tickstore.snapshot.golden;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.internal.Directories;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.SampleWorlds;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Writes the golden snapshot {@code data/golden/snapshot-v1}: format version 1 as this code writes it, kept
 * in the repository so every later version of the reader is tested against it ({@code GoldenSnapshotTest}).
 *
 * <p>The world: the reference simulation ({@code creatures}) seeded with {@value #SEED}, {@value #ENTITIES}
 * entities, advanced {@value #TICKS} ticks of the dynamics it had when the snapshot was made
 * ({@link DenseSimulationV1}); plus a {@code kinds} table of {@value #KIND_ROWS} rows holding one
 * column of every type filled with its extremes (min, max, NaN, -0.0, infinities, subnormals, true/false).
 * The output is deterministic, {@code createdAt} included ({@link #CREATED_AT}).
 *
 * <p>Run it from the repository root (see {@code data/golden/README.md}):
 * <pre>
 * java … io.tickstore.snapshot.golden.GoldenSnapshotGenerator [output directory, default data/golden/snapshot-v1]
 * </pre>
 * An existing output directory is replaced only after the new snapshot is complete.
 */
public final class GoldenSnapshotGenerator {
    public static final long SEED = 7;
    public static final int ENTITIES = 50;
    public static final long TICKS = 5;
    public static final int KIND_ROWS = 20;
    public static final Instant CREATED_AT = Instant.parse("2025-01-01T00:00:00Z");
    /** Where the golden snapshot lives, relative to the repository root. */
    public static final String GOLDEN_DIR = "data/golden/snapshot-v1";

    private GoldenSnapshotGenerator() {
    }

    /** The golden world; the caller closes it. */
    public static World goldenWorld(BufferAllocator allocator) {
        World world = CreatureSimulation.newWorld(allocator, SEED, ENTITIES);
        try {
            DenseSimulationV1.run(world, TICKS);
            SampleWorlds.addKinds(world, KIND_ROWS);
            return world;
        } catch (RuntimeException e) {
            world.close();
            throw e;
        }
    }

    /** The options the golden snapshot is written with: a fixed clock, so every byte is reproducible. */
    public static WriteOptions options() {
        return WriteOptions.defaults().withClock(Clock.fixed(CREATED_AT, ZoneOffset.UTC)).withThreads(1);
    }

    /** Writes the golden world as a snapshot in {@code runDir} and returns the snapshot directory. */
    public static Path writeSnapshot(Path runDir, BufferAllocator allocator, Durability durability) throws IOException {
        try (World world = goldenWorld(allocator)) {
            return SnapshotWriter.write(world, runDir, options().withDurability(durability)).dir();
        }
    }

    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : RepoRoot.locate().resolve(GOLDEN_DIR);
        out = out.toAbsolutePath().normalize();
        Path parent = out.getParent();
        Files.createDirectories(parent);
        Path work = Files.createTempDirectory(parent, ".golden-");
        try (RootAllocator allocator = LeakCheckingAllocator.newDirtyRoot()) {
            Path snapshot = writeSnapshot(work, allocator, Durability.FSYNC);
            String hash;
            try (World world = goldenWorld(allocator)) {
                hash = ContentHash.hex(world);
            }
            Directories.deleteRecursively(out);
            Files.move(snapshot, out, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("wrote " + out);
            System.out.println("world content hash " + hash);
        } finally {
            Directories.deleteRecursively(work);
        }
    }
}
