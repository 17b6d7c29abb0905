package io.tickstore.jmh;

import io.tickstore.columns.World;
import io.tickstore.snapshot.SnapshotInfo;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * The snapshot write of {@link SnapshotWriteBenchmark} into the files of the previous snapshot, as a run store
 * with {@code WriteOptions.withRecycleRetained} does after its retention removed one: {@code
 * SnapshotWriter.writeRecycling}. Before each operation, outside the measured region, the snapshot the previous
 * operation published is renamed to a hidden name, as retention does; its pages are in the page cache.
 *
 * <p>Not the default a user gets, so it is its own line, beside its own floor
 * ({@code WritePeersBenchmark.fileChannelOverwriteFloor}) and the fresh-file floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchmarkJvm.OPEN_NIO, BenchmarkJvm.EXPORT_MISC, BenchmarkJvm.HEAP})
public class RecycledSnapshotWriteBenchmark {
    /** Threads the writer spreads the column files over. */
    @Param({"1", "2"})
    public int threads;

    private BufferAllocator allocator;
    private World world;
    private ScratchDirectory scratch;
    private Path runDir;
    private Path published;
    private Path recycled;
    private SnapshotWriter writer;

    @Setup(Level.Trial)
    public void writeFirstSnapshot() throws IOException {
        allocator = new RootAllocator();
        world = Workload.newWorld(allocator, Workload.ROWS);
        scratch = ScratchDirectory.create("snapshot-recycle");
        runDir = scratch.resolve("run");
        published = SnapshotLayout.snapshotDir(runDir, world.tick());
        recycled = runDir.resolve(SnapshotLayout.temporaryDirName(world.tick(), "deleting-benchmark"));
        writer = new SnapshotWriter(Workload.pageCache(threads));
        writer.write(world, runDir);
    }

    @Setup(Level.Invocation)
    public void retirePreviousSnapshot() throws IOException {
        Files.move(published, recycled, StandardCopyOption.ATOMIC_MOVE);
    }

    @Benchmark
    public SnapshotInfo recycledSnapshot() throws IOException {
        return writer.writeRecycling(world, runDir, recycled);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        writer.close();
        world.close();
        allocator.close();
        scratch.close();
    }
}
