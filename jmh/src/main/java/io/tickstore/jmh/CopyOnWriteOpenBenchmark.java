package io.tickstore.jmh;

import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.snapshot.ReadOptions;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.SnapshotWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Restoring the §36 snapshot and doing the first work on it: {@code SnapshotReader.openCopyOnWrite} (private
 * copy-on-write mappings, nothing read up front, checksums not verified) against a full read with checksums verified,
 * the reader's default, and a full read without them, in one run. One operation opens (or reads) the 1,000,000-row
 * creature snapshot into a new world, does {@link #work}, and closes the world, so unmapping or freeing is measured
 * too. The files are in the page cache for every side.
 *
 * <p>{@code work}: {@code none} (the restore alone), {@code region} (read and write the energy of one contiguous
 * percent of the rows, a system that works on one region of the world) and {@code tick} (one tick of the creature
 * simulation, which moves every creature and so writes every page of four columns, and whose births grow the table
 * past the snapshot's rows, which copies the mapped table into memory of its own).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchmarkJvm.OPEN_NIO, BenchmarkJvm.EXPORT_MISC, BenchmarkJvm.HEAP})
public class CopyOnWriteOpenBenchmark {
    /** What is done to the world between opening and closing it. */
    @Param({"none", "region", "tick"})
    public String work;

    private static final ReadOptions VERIFIED = ReadOptions.defaults().withThreads(1);
    private static final ReadOptions UNVERIFIED = VERIFIED.withVerifyChecksums(false);

    private BufferAllocator allocator;
    private ScratchDirectory scratch;
    private Path snapshot;

    @Setup(Level.Trial)
    public void writeSnapshot() throws IOException {
        allocator = new RootAllocator();
        scratch = ScratchDirectory.create("copy-on-write-open");
        try (World world = Workload.newWorld(allocator, Workload.ROWS)) {
            snapshot = SnapshotWriter.write(world, scratch.resolve("run"), Workload.pageCache(1)).dir();
        }
    }

    @Benchmark
    public long copyOnWriteOpen() throws IOException {
        try (World world = SnapshotReader.openCopyOnWrite(snapshot, allocator)) {
            return doWork(world);
        }
    }

    @Benchmark
    public long fullReadVerified() throws IOException {
        try (World world = SnapshotReader.read(snapshot, allocator, VERIFIED)) {
            return doWork(world);
        }
    }

    @Benchmark
    public long fullReadUnverified() throws IOException {
        try (World world = SnapshotReader.read(snapshot, allocator, UNVERIFIED)) {
            return doWork(world);
        }
    }

    private long doWork(World world) {
        Table creatures = world.table(Workload.TABLE);
        switch (work) {
            case "region": {
                int energy = creatures.columnIndex(Workload.SCAN_COLUMN);
                long rows = creatures.rowCount() / 100;
                for (long row = 0; row < rows; row++) {
                    creatures.setFloat(energy, row, creatures.getFloat(energy, row) * 0.99f);
                }
                return rows;
            }
            case "tick":
                new CreatureSimulation(world).step();
                return creatures.rowCount();
            default:
                return creatures.rowCount();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        allocator.close();
        scratch.close();
    }
}
