package io.tickstore.jmh;

import io.tickstore.columns.World;
import io.tickstore.mmap.MappedColumn;
import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.format.NpyHeader;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.agrona.IoUtil;
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
 * Opening one column of a snapshot through mmap and reading from it: what an inspector pays to look at one
 * column without loading the snapshot.
 *
 * <p>One operation is {@code MappedColumn.open(snapshot, "creatures", "energy")}, reading element 0 and the
 * middle element, and closing (unmapping) the column. The snapshot is written once per trial with
 * {@code rows} creatures and, when {@code extraColumns > 0}, a second table of that many f64 columns of the same
 * length (2.5 GB of other columns at 10,000,000 rows): the cost must not depend on either. The file is in the
 * page cache, so the first read is a minor page fault, not disk I/O; {@code numpy_peer.py} measures
 * {@code np.load(mmap_mode='r')} under the same conditions.
 *
 * <p>Peer {@code fileChannelMap}: {@code RandomAccessFile} open, {@code FileChannel.map} of the same file, the
 * same two reads at a data offset known in advance (no header parsing, no validation) and the unmap: a floor.
 * Target: under 50 µs, independent of the other columns.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchmarkJvm.OPEN_NIO, BenchmarkJvm.EXPORT_MISC, BenchmarkJvm.HEAP})
public class MmapOpenBenchmark {
    /** Creatures in the snapshot. */
    @Param({"1000000", "10000000"})
    public int rows;

    /** f64 columns of a second table of the same length, written beside the creatures. */
    @Param({"0", "32"})
    public int extraColumns;

    private ScratchDirectory scratch;
    private Path snapshot;
    private Path columnFile;
    private long dataOffset;
    private long middleOffset;

    @Setup(Level.Trial)
    public void writeSnapshot() throws IOException {
        scratch = ScratchDirectory.create("mmap-open");
        Path runDir = scratch.resolve("run");
        try (RootAllocator allocator = new RootAllocator(); World world = Workload.newWorld(allocator, rows)) {
            if (extraColumns > 0) {
                BallastTable.addTo(world, extraColumns, rows);
            }
            snapshot = SnapshotWriter.write(world, runDir, Workload.pageCache(2)).dir();
        }
        columnFile = SnapshotLayout.columnFile(snapshot, Workload.TABLE, Workload.SCAN_COLUMN);
        NpyHeader header = readHeader(columnFile);
        dataOffset = header.dataOffset();
        middleOffset = dataOffset + (header.length() / 2) * Float.BYTES;
    }

    private static NpyHeader readHeader(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer start = ByteBuffer.allocate((int) Math.min(NpyHeader.MAX_HEADER_BYTES, channel.size()));
            while (start.hasRemaining()) {
                if (channel.read(start) < 0) {
                    break;
                }
            }
            return NpyHeader.parse(start.flip(), channel.size(), file);
        } catch (SnapshotFormatException e) {
            throw new IOException("the benchmark snapshot is damaged: " + e.getMessage(), e);
        }
    }

    @Benchmark
    public float tickstoreMappedColumn() throws IOException {
        try (MappedColumn column = MappedColumn.open(snapshot, Workload.TABLE, Workload.SCAN_COLUMN)) {
            return column.getFloat(0) + column.getFloat(column.length() / 2);
        }
    }

    @Benchmark
    public float fileChannelMap() throws IOException {
        MappedByteBuffer map;
        try (RandomAccessFile file = new RandomAccessFile(columnFile.toFile(), "r")) {
            FileChannel channel = file.getChannel();
            map = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        try {
            map.order(ByteOrder.LITTLE_ENDIAN);
            return map.getFloat((int) dataOffset) + map.getFloat((int) middleOffset);
        } finally {
            IoUtil.unmap(map);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        scratch.close();
    }
}
