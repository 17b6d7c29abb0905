package io.tickstore.jmh;

import io.tickstore.columns.World;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * Reading the §36 world back with the formats a user would otherwise pick, in the same run as
 * {@link SnapshotReadBenchmark}. Each file is written once per trial by the same code
 * {@link WritePeersBenchmark} measures, and is in the page cache when read.
 *
 * <ul>
 *   <li>{@code javaDeserialization}: {@code ObjectInputStream} back to a {@code List<CreatureRow>};</li>
 *   <li>{@code jacksonJson}: Jackson back to the same list;</li>
 *   <li>{@code arrowIpcFile}: {@code ArrowFileReader} loading every record batch into vectors, then closing
 *       them (the same allocate-read-free cycle as Tickstore's read plus close);</li>
 *   <li>{@code fileChannelFloor}: one {@code FileChannel} read of the 36 MB into a direct buffer allocated once
 *       per trial, the least any format can do.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchmarkJvm.OPEN_NIO, BenchmarkJvm.EXPORT_MISC, BenchmarkJvm.HEAP})
public class ReadPeersBenchmark {

    /** A file in {@link PeerFormats}' {@code ObjectOutputStream} form. */
    @State(Scope.Benchmark)
    public static class SerializedFile {
        ScratchDirectory scratch;
        Path file;

        @Setup(Level.Trial)
        public void write() throws IOException {
            scratch = ScratchDirectory.create("peer-read-serialized");
            file = scratch.resolve("rows.ser");
            PeerFormats.writeJavaSerialization(rowList(), file);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            scratch.close();
        }
    }

    /** A file in {@link PeerFormats}' Jackson JSON form. */
    @State(Scope.Benchmark)
    public static class JsonFile {
        ScratchDirectory scratch;
        Path file;

        @Setup(Level.Trial)
        public void write() throws IOException {
            scratch = ScratchDirectory.create("peer-read-json");
            file = scratch.resolve("rows.json");
            PeerFormats.writeJson(rowList(), file);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            scratch.close();
        }
    }

    /** An Arrow IPC file of the 8 columns, and the allocator its reader loads into. */
    @State(Scope.Benchmark)
    public static class ArrowFile {
        ScratchDirectory scratch;
        Path file;
        BufferAllocator allocator;

        @Setup(Level.Trial)
        public void write() throws IOException {
            scratch = ScratchDirectory.create("peer-read-arrow");
            file = scratch.resolve("creatures.arrow");
            allocator = new RootAllocator();
            try (World world = Workload.newWorld(allocator, Workload.ROWS);
                 VectorSchemaRoot root = ArrowColumns.of(world.table(Workload.TABLE), allocator)) {
                PeerFormats.writeArrow(root, file);
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            allocator.close();
            scratch.close();
        }
    }

    /** The 36 MB of column bytes in one file, and the direct buffer they are read into. */
    @State(Scope.Benchmark)
    public static class RawFile {
        ScratchDirectory scratch;
        Path file;
        ByteBuffer into;

        @Setup(Level.Trial)
        public void write() throws IOException {
            scratch = ScratchDirectory.create("peer-read-raw");
            file = scratch.resolve("columns.bin");
            try (RootAllocator allocator = new RootAllocator(); World world = Workload.newWorld(allocator, Workload.ROWS)) {
                ByteBuffer bytes = RawColumnBytes.of(world.table(Workload.TABLE));
                PeerFormats.writeRaw(bytes, file);
                into = ByteBuffer.allocateDirect(bytes.remaining()).order(ByteOrder.LITTLE_ENDIAN);
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            scratch.close();
        }
    }

    private static List<CreatureRow> rowList() {
        try (RootAllocator allocator = new RootAllocator(); World world = Workload.newWorld(allocator, Workload.ROWS)) {
            return CreatureRows.of(world.table(Workload.TABLE));
        }
    }

    @Benchmark
    public List<?> javaDeserialization(SerializedFile serialized) throws IOException {
        return PeerFormats.readJavaSerialization(serialized.file);
    }

    @Benchmark
    public List<CreatureRow> jacksonJson(JsonFile json) throws IOException {
        return PeerFormats.readJson(json.file);
    }

    @Benchmark
    public long arrowIpcFile(ArrowFile arrow) throws IOException {
        return PeerFormats.readArrow(arrow.file, arrow.allocator);
    }

    @Benchmark
    public long fileChannelFloor(RawFile raw) throws IOException {
        return PeerFormats.readRaw(raw.file, raw.into);
    }
}
