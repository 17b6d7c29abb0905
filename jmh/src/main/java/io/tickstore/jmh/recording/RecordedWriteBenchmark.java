package io.tickstore.jmh.recording;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.jmh.eventlog.Scratch;
import io.tickstore.recording.Recording;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What recording costs a typed write: {@code Table.setFloat} on a table a recording follows (the value stored, then
 * the event appended to the log by the table's recorder) beside the same {@code setFloat} on an unrecorded table and a
 * plain {@code float[]} store, in the same run. Target: the recorded set costs at most 10 ns more than the unrecorded
 * one (median), and allocates nothing ({@code -prof gc}: {@code gc.alloc.rate.norm} 0 B/op).
 *
 * <p>One operation is a batch of {@value #BATCH} writes ({@code @OperationsPerInvocation}) to rows {@code stride} apart
 * in a 1,000,000-row table (the float[] has the same length), values drawn from the loop counter: SampleTime then reports
 * per-write figures at batch granularity, and a batch that waits for the log's writer (back-pressure) shows in the
 * tail. Each iteration records into a fresh run (deleted after it), log in the page cache, no checkpoint after tick 0.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {RecordingJvm.OPEN_NIO, RecordingJvm.EXPORT_MISC, RecordingJvm.HEAP})
public class RecordedWriteBenchmark {
    public static final int BATCH = 100;
    static final int ROWS = 1_000_000;
    /** Rows between two writes: 1 walks the table as a system's loop does; 64 puts every write on its own cache line. */
    @Param({"1", "64"})
    public int stride;
    static final Schema VALUES = Schema.builder("values", 1).column("v", ColumnType.F32).build();

    private Scratch scratch;
    private RootAllocator allocator;
    private int iteration;
    private Recording recording;
    private Table recorded;
    private World plainWorld;
    private Table plain;
    private float[] array;
    private long row;
    private float value;

    @Setup(Level.Trial)
    public void allocate() throws IOException {
        scratch = Scratch.create("recorded-write");
        allocator = new RootAllocator();
        plainWorld = new World(allocator);
        plain = fill(plainWorld);
        array = new float[ROWS];
    }

    private static Table fill(World world) {
        Table t = world.createTable(VALUES, ROWS);
        for (int i = 0; i < ROWS; i++) {
            t.addRow();
        }
        return t;
    }

    @Setup(Level.Iteration)
    public void record() throws IOException {
        recording = Recording.at(scratch.resolve("run-" + iteration++)).fsync(false).checkpointEvery(1_000_000_000L)
                .create(allocator, (world, random) -> fill(world));
        recorded = recording.world().table(VALUES.name());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void recordedSetFloat() {
        Table t = recorded;
        long r = row;
        float v = value;
        for (int i = 0; i < BATCH; i++) {
            t.setFloat(0, r, v);
            r += stride;
            if (r >= ROWS) {
                r -= ROWS - 1;
            }
            v += 0.25f;
        }
        row = r;
        value = v;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void unrecordedSetFloat() {
        Table t = plain;
        long r = row;
        float v = value;
        for (int i = 0; i < BATCH; i++) {
            t.setFloat(0, r, v);
            r += stride;
            if (r >= ROWS) {
                r -= ROWS - 1;
            }
            v += 0.25f;
        }
        row = r;
        value = v;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void floatArrayStore() {
        float[] a = array;
        int r = (int) row;
        float v = value;
        for (int i = 0; i < BATCH; i++) {
            a[r] = v;
            r += stride;
            if (r >= ROWS) {
                r -= ROWS - 1;
            }
            v += 0.25f;
        }
        row = r;
        value = v;
    }

    @TearDown(Level.Iteration)
    public void closeRecording() throws IOException {
        recording.close();
        scratch.clear();
    }

    @TearDown(Level.Trial)
    public void free() throws IOException {
        plainWorld.close();
        allocator.close();
        scratch.close();
    }
}
