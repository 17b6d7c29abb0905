package io.tickstore.jmh;

import io.tickstore.columns.World;
import io.tickstore.snapshot.ReadOptions;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.SnapshotWriter;
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
 * Tickstore's full read of the §36 snapshot back into an off-heap world, with and without checksum verification.
 *
 * <p>The snapshot is written once per trial; one operation is {@code SnapshotReader.read} into a new world plus
 * closing that world, so the allocation and the release of its 44 MB (36 bytes a row plus the 8-byte entity ids)
 * are inside the measurement, as they are for every peer in {@link ReadPeersBenchmark}. The files are in the page
 * cache (they were just written), for Tickstore and for every peer alike.
 *
 * <p>Compare with {@code np.load} of every column from {@code numpy_peer.py}; the target is at most half of
 * numpy's time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchmarkJvm.OPEN_NIO, BenchmarkJvm.EXPORT_MISC, BenchmarkJvm.HEAP})
public class SnapshotReadBenchmark {
    /** Whether every column file's CRC32C is checked against the manifest. */
    @Param({"true", "false"})
    public boolean verifyChecksums;

    /** Threads the reader spreads the column files over. */
    @Param({"1", "2"})
    public int threads;

    private BufferAllocator allocator;
    private ScratchDirectory scratch;
    private Path snapshot;
    private ReadOptions options;
    /** Zero unless a deliberate slowdown was asked for ({@link InjectedSlowdown}). */
    private final long slowdown = InjectedSlowdown.nanosFor("SnapshotReadBenchmark");

    @Setup(Level.Trial)
    public void writeSnapshot() throws IOException {
        allocator = new RootAllocator();
        scratch = ScratchDirectory.create("snapshot-read");
        Path runDir = scratch.resolve("run");
        try (World world = Workload.newWorld(allocator, Workload.ROWS)) {
            snapshot = SnapshotWriter.write(world, runDir, Workload.pageCache(1)).dir();
        }
        options = ReadOptions.defaults().withVerifyChecksums(verifyChecksums).withThreads(threads);
    }

    @Benchmark
    public long tickstoreSnapshot() throws IOException {
        InjectedSlowdown.pay(slowdown);
        try (World world = SnapshotReader.read(snapshot, allocator, options)) {
            return world.table(Workload.TABLE).rowCount();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        allocator.close();
        scratch.close();
    }
}
