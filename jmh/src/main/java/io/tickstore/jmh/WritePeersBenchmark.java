package io.tickstore.jmh;

import io.tickstore.columns.World;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The formats a user would otherwise write the §36 world with, in the same run as {@link SnapshotWriteBenchmark}.
 *
 * <ul>
 *   <li>{@code javaSerialization}: {@code ObjectOutputStream} of a {@code List<CreatureRow>} (the JVM analog of
 *       pickling a list of dataclasses);</li>
 *   <li>{@code jacksonJson}: Jackson writing the same list as a JSON array;</li>
 *   <li>{@code arrowIpcFile}: {@code ArrowFileWriter} of the 8 columns held as Arrow vectors;</li>
 *   <li>{@code fileChannelFloor}: one {@code FileChannel} write of the same 36 MB from a direct buffer, the least
 *       any format can do;</li>
 *   <li>{@code fileChannelOverwriteFloor}: the same write over the previous operation's file, whose pages are in the
 *       page cache: the floor of a recycled snapshot write, reported on its own;</li>
 *   <li>{@code buildRowObjects}: building the row list from the world, the cost the object peers pay before they
 *       write anything, reported on its own.</li>
 * </ul>
 *
 * Each peer's input (row list, Arrow vectors, raw bytes) is built once per trial, as Tickstore's world is, and
 * each operation writes a new file after the previous one was deleted outside the measured region.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchmarkJvm.OPEN_NIO, BenchmarkJvm.EXPORT_MISC, BenchmarkJvm.HEAP})
public class WritePeersBenchmark {

    /** The §36 world itself, for measuring the row-object construction. */
    @State(Scope.Benchmark)
    public static class WorldState {
        BufferAllocator allocator;
        World world;

        @Setup(Level.Trial)
        public void build() {
            allocator = new RootAllocator();
            world = Workload.newWorld(allocator, Workload.ROWS);
        }

        @TearDown(Level.Trial)
        public void close() {
            world.close();
            allocator.close();
        }
    }

    /** The world as one {@link CreatureRow} per creature. */
    @State(Scope.Benchmark)
    public static class RowList {
        List<CreatureRow> rows;

        @Setup(Level.Trial)
        public void build() {
            try (RootAllocator allocator = new RootAllocator(); World world = Workload.newWorld(allocator, Workload.ROWS)) {
                rows = CreatureRows.of(world.table(Workload.TABLE));
            }
        }
    }

    /** The world's 8 columns as Arrow vectors. */
    @State(Scope.Benchmark)
    public static class ArrowVectors {
        BufferAllocator allocator;
        VectorSchemaRoot root;

        @Setup(Level.Trial)
        public void build() {
            allocator = new RootAllocator();
            try (World world = Workload.newWorld(allocator, Workload.ROWS)) {
                root = ArrowColumns.of(world.table(Workload.TABLE), allocator);
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            root.close();
            allocator.close();
        }
    }

    /** The world's 36 MB of column bytes in one direct buffer. */
    @State(Scope.Benchmark)
    public static class RawBytes {
        ByteBuffer bytes;

        @Setup(Level.Trial)
        public void build() {
            try (RootAllocator allocator = new RootAllocator(); World world = Workload.newWorld(allocator, Workload.ROWS)) {
                bytes = RawColumnBytes.of(world.table(Workload.TABLE));
            }
        }
    }

    /** Where a peer writes; the previous file is deleted before each operation, outside the measured region. */
    @State(Scope.Benchmark)
    public static class OutputFile {
        ScratchDirectory scratch;
        Path file;

        @Setup(Level.Trial)
        public void create() throws IOException {
            scratch = ScratchDirectory.create("peer-write");
            file = scratch.resolve("output");
        }

        @Setup(Level.Invocation)
        public void deletePrevious() throws IOException {
            ScratchDirectory.deleteRecursively(file);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            scratch.close();
        }
    }

    /** Where the overwrite floor writes: one file, kept from one operation to the next. */
    @State(Scope.Benchmark)
    public static class KeptFile {
        ScratchDirectory scratch;
        Path file;

        @Setup(Level.Trial)
        public void create() throws IOException {
            scratch = ScratchDirectory.create("peer-overwrite");
            file = scratch.resolve("output");
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            scratch.close();
        }
    }

    @Benchmark
    public long javaSerialization(RowList rows, OutputFile out) throws IOException {
        return PeerFormats.writeJavaSerialization(rows.rows, out.file);
    }

    @Benchmark
    public long jacksonJson(RowList rows, OutputFile out) throws IOException {
        return PeerFormats.writeJson(rows.rows, out.file);
    }

    @Benchmark
    public long arrowIpcFile(ArrowVectors vectors, OutputFile out) throws IOException {
        return PeerFormats.writeArrow(vectors.root, out.file);
    }

    @Benchmark
    public long fileChannelFloor(RawBytes raw, OutputFile out) throws IOException {
        return PeerFormats.writeRaw(raw.bytes, out.file);
    }

    /** The floor of a recycled write ({@link RecycledSnapshotWriteBenchmark}): the same bytes over the same file's cached pages. */
    @Benchmark
    public long fileChannelOverwriteFloor(RawBytes raw, KeptFile out) throws IOException {
        return PeerFormats.overwriteRaw(raw.bytes, out.file);
    }

    @Benchmark
    public List<CreatureRow> buildRowObjects(WorldState state) {
        return CreatureRows.of(state.world.table(Workload.TABLE));
    }
}
