package io.tickstore.jmh;

import io.tickstore.columns.World;
import io.tickstore.jmh.regress.InjectedSlowdown;
import io.tickstore.snapshot.ReadOptions;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * The snapshot write and the verified full read against their {@code FileChannel} floors, made robust to a machine
 * whose load drifts: one fork whose iterations alternate between Tickstore (even iterations) and the floor (odd
 * ones), each odd iteration paired with the even one just before it, half a second apart, so that load changing over
 * seconds or minutes falls on both sides of a pair alike. JMH's own score mixes both sides and means nothing; the
 * regression runs ({@code io.tickstore.jmh.regress}) take the median over the pairs of Tickstore's time ÷ the
 * floor's. {@link SnapshotWriteBenchmark}, {@link SnapshotReadBenchmark} and the peers' benchmarks are the plain
 * side-by-side comparisons.
 *
 * <p>Both sides are what those benchmarks measure: {@code write} is {@code SnapshotWriter.write} to the page cache on
 * one thread against one {@code FileChannel} write of the 36 MB, fresh files for both (the previous output is
 * deleted before each operation, outside the measured region); {@code read} is {@code SnapshotReader.read} with
 * checksums verified on one thread, then {@code close()}, against one {@code FileChannel} read of the 36 MB into a
 * buffer allocated once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 20, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchmarkJvm.OPEN_NIO, BenchmarkJvm.EXPORT_MISC, BenchmarkJvm.HEAP})
public class PairedFloorBenchmark {
    /** The operation measured against its floor. */
    @Param({"write", "read"})
    public String op;

    private BufferAllocator allocator;
    private World world;
    private ScratchDirectory scratch;
    private Path runDir;
    private Path published;
    private SnapshotWriter writer;
    private Path snapshot;
    private ByteBuffer raw;
    private Path rawFile;
    private ByteBuffer into;
    private long iteration;
    private boolean floor;
    /** Zero unless a deliberate slowdown was asked for ({@link InjectedSlowdown}); Tickstore's side pays it. */
    private final long slowdown = InjectedSlowdown.nanosFor("PairedFloorBenchmark");

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        allocator = new RootAllocator();
        world = Workload.newWorld(allocator, Workload.ROWS);
        scratch = ScratchDirectory.create("paired-" + op);
        runDir = scratch.resolve("run");
        published = SnapshotLayout.snapshotDir(runDir, world.tick());
        writer = new SnapshotWriter(Workload.pageCache(1));
        raw = RawColumnBytes.of(world.table(Workload.TABLE));
        rawFile = scratch.resolve("columns.bin");
        into = ByteBuffer.allocateDirect(raw.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        if (op.equals("read")) {
            snapshot = writer.write(world, scratch.resolve("read-run")).dir();
            PeerFormats.writeRaw(raw, rawFile);
        }
    }

    @Setup(Level.Iteration)
    public void chooseSide() {
        floor = iteration++ % 2 == 1;
    }

    @Setup(Level.Invocation)
    public void deletePreviousOutput() throws IOException {
        if (op.equals("write")) {
            ScratchDirectory.deleteRecursively(floor ? rawFile : published);
        }
    }

    @Benchmark
    public long operation() throws IOException {
        if (op.equals("write")) {
            if (floor) {
                return PeerFormats.writeRaw(raw, rawFile);
            }
            InjectedSlowdown.pay(slowdown);
            return writer.write(world, runDir).totalBytes();
        }
        if (floor) {
            return PeerFormats.readRaw(rawFile, into);
        }
        InjectedSlowdown.pay(slowdown);
        try (World back = SnapshotReader.read(snapshot, allocator, ReadOptions.defaults().withThreads(1))) {
            return back.table(Workload.TABLE).rowCount();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        writer.close();
        world.close();
        allocator.close();
        scratch.close();
    }
}
