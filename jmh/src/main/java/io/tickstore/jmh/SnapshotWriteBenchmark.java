package io.tickstore.jmh;

import io.tickstore.columns.World;
import io.tickstore.snapshot.SnapshotInfo;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.jmh.regress.InjectedSlowdown;
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
 * Tickstore's snapshot write of the §36 world (1,000,000 creatures, 36 bytes a row) to the page cache.
 *
 * <p>One operation is {@code SnapshotWriter.write(world, runDir)} with {@code Durability.PAGE_CACHE}: the
 * temporary directory, one .npy file per column plus the entity ids, the checksums, the manifest and the
 * atomic rename, without fsync. The snapshot the previous operation published is deleted in
 * {@code @Setup(Level.Invocation)}, outside the measured region, so every operation writes into fresh files;
 * the peers in {@link WritePeersBenchmark} delete their previous output the same way. An operation takes tens of
 * milliseconds, far above the timestamping cost JMH warns about for invocation-level fixtures.
 *
 * <p>Compare with {@link WritePeersBenchmark} (same run) and with {@code np.save} per column from
 * {@code numpy_peer.py}; the target is at most half of numpy's time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchmarkJvm.OPEN_NIO, BenchmarkJvm.EXPORT_MISC, BenchmarkJvm.HEAP})
public class SnapshotWriteBenchmark {
    /** Threads the writer spreads the column files over. */
    @Param({"1", "2"})
    public int threads;

    private BufferAllocator allocator;
    private World world;
    private ScratchDirectory scratch;
    private Path runDir;
    private Path published;
    private SnapshotWriter writer;
    /** Zero unless a deliberate slowdown was asked for ({@link InjectedSlowdown}). */
    private final long slowdown = InjectedSlowdown.nanosFor("SnapshotWriteBenchmark");

    @Setup(Level.Trial)
    public void buildWorld() throws IOException {
        allocator = new RootAllocator();
        world = Workload.newWorld(allocator, Workload.ROWS);
        scratch = ScratchDirectory.create("snapshot-write");
        runDir = scratch.resolve("run");
        published = SnapshotLayout.snapshotDir(runDir, world.tick());
        writer = new SnapshotWriter(Workload.pageCache(threads));
    }

    @Setup(Level.Invocation)
    public void deletePreviousSnapshot() throws IOException {
        ScratchDirectory.deleteRecursively(published);
    }

    @Benchmark
    public SnapshotInfo tickstoreSnapshot() throws IOException {
        InjectedSlowdown.pay(slowdown);
        return writer.write(world, runDir);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        writer.close();
        world.close();
        allocator.close();
        scratch.close();
    }
}
