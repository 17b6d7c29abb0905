package io.tickstore.jmh;

import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.mmap.ColumnStats;
import io.tickstore.mmap.MappedColumn;
import io.tickstore.snapshot.SnapshotWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
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
 * A full scan of one f32 column of 1,000,000 rows (the creatures' {@code energy}) through a mapped snapshot
 * column, beside the same scan over a heap {@code float[]} and a direct {@code FloatBuffer} holding the same
 * values.
 *
 * <p>The column is opened once per trial; the scan itself is the operation. The loops sum into a double in
 * row order, the same arithmetic for every variant, and return the sum. Run with {@code -prof gc} to see that
 * the scans allocate nothing ({@code gc.alloc.rate.norm} near 0 B/op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchmarkJvm.OPEN_NIO, BenchmarkJvm.EXPORT_MISC, BenchmarkJvm.HEAP})
public class ColumnScanBenchmark {
    private ScratchDirectory scratch;
    private MappedColumn mapped;
    private float[] heap;
    private FloatBuffer direct;

    @Setup(Level.Trial)
    public void openColumn() throws IOException {
        scratch = ScratchDirectory.create("column-scan");
        Path runDir = scratch.resolve("run");
        Path snapshot;
        try (RootAllocator allocator = new RootAllocator(); World world = Workload.newWorld(allocator, Workload.ROWS)) {
            Table creatures = world.table(Workload.TABLE);
            int energy = creatures.columnIndex(Workload.SCAN_COLUMN);
            int rows = Math.toIntExact(creatures.rowCount());
            heap = new float[rows];
            direct = ByteBuffer.allocateDirect(rows * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            for (int row = 0; row < rows; row++) {
                heap[row] = creatures.getFloat(energy, row);
                direct.put(row, heap[row]);
            }
            snapshot = SnapshotWriter.write(world, runDir, Workload.pageCache(1)).dir();
        }
        mapped = MappedColumn.open(snapshot, Workload.TABLE, Workload.SCAN_COLUMN);
    }

    @Benchmark
    public ColumnStats mappedColumnStats() {
        return mapped.stats();
    }

    @Benchmark
    public double mappedColumnGetFloatLoop() {
        MappedColumn column = mapped;
        long n = column.length();
        double sum = 0;
        for (long row = 0; row < n; row++) {
            sum += column.getFloat(row);
        }
        return sum;
    }

    @Benchmark
    public double heapFloatArrayLoop() {
        float[] values = heap;
        double sum = 0;
        for (int row = 0; row < values.length; row++) {
            sum += values[row];
        }
        return sum;
    }

    @Benchmark
    public double directFloatBufferLoop() {
        FloatBuffer values = direct;
        int n = values.limit();
        double sum = 0;
        for (int row = 0; row < n; row++) {
            sum += values.get(row);
        }
        return sum;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        mapped.close();
        scratch.close();
    }
}
