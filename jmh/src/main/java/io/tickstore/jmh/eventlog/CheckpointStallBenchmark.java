package io.tickstore.jmh.eventlog;

import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.WriteOptions;
import io.tickstore.snapshot.checkpoint.CheckpointPolicy;
import io.tickstore.snapshot.checkpoint.Checkpointer;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.store.RunStore;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.agrona.UnsafeApi;
import org.apache.arrow.memory.ArrowBuf;
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
 * The checkpoint stall: what {@code Checkpointer.checkpoint(world)} costs the simulation thread for the §36 world
 * (1,000,000 creatures, 36 bytes a row plus 8 of entity id), beside a plain memory copy of the same bytes into a
 * buffer allocated once, in the same run.
 *
 * <p>{@code tickstoreCheckpoint}: one checkpoint; the staging copies were allocated by {@code prepare} at setup and
 * are reused, as in a running simulation, and the background write uses the default durability, {@code FSYNC}.
 * After each operation of either benchmark (outside the measured region) a snapshot of the world is written and
 * awaited, then deleted: every checkpoint finds a free staging copy (the stall measured is the copy, not a wait for
 * a disk slower than the policy), the disk does not fill, and both benchmarks time their copy under the same
 * conditions. That matters: on a virtual machine, memory left untouched for a while (here, during the write) can be
 * several times slower to copy than memory copied in a tight loop, so a plain copy timed back to back would not be
 * the same experiment.
 * {@code plainMemoryCopy}: {@code copyMemory} of every column and the ids into one pre-allocated buffer: the floor.
 * Target: the checkpoint at most 1.5 times the plain copy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {EventLogJvm.OPEN_NIO, EventLogJvm.EXPORT_MISC, EventLogJvm.HEAP})
public class CheckpointStallBenchmark {
    static final int ROWS = 1_000_000;
    static final long SEED = 36L;

    private Scratch scratch;
    private RootAllocator allocator;
    private World world;
    private RunStore run;
    private Checkpointer checkpoints;
    private ArrowBuf target;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        scratch = Scratch.create("checkpoint");
        allocator = new RootAllocator();
        world = CreatureSimulation.newWorld(allocator, SEED, ROWS);
        run = RunStore.open(scratch.resolve("run"), WriteOptions.defaults().withDurability(Durability.FSYNC));
        checkpoints = new Checkpointer(run, allocator, CheckpointPolicy.onDemandOnly());
        checkpoints.prepare(world);
        long bytes = 0;
        for (Table table : world.tables()) {
            bytes += table.rowCount() * (table.schema().rowWidth() + 8L);
        }
        target = allocator.buffer(bytes);
        UnsafeApi.setMemory(target.memoryAddress(), bytes, (byte) 0);
    }

    @Setup(Level.Invocation)
    public void nextTick() {
        world.setTick(world.tick() + 1);
    }

    @Benchmark
    public boolean tickstoreCheckpoint() throws IOException {
        return checkpoints.checkpoint(world);
    }

    @Benchmark
    public long plainMemoryCopy() {
        long to = target.memoryAddress();
        for (Table table : world.tables()) {
            for (int c = 0; c < table.schema().columnCount(); c++) {
                long length = table.columnByteLength(c);
                UnsafeApi.copyMemory(table.columnAddress(c), to, length);
                to += length;
            }
            long ids = table.rowCount() * 8;
            UnsafeApi.copyMemory(table.entityIdAddress(), to, ids);
            to += ids;
        }
        return to;
    }

    /**
     * Between operations of both benchmarks alike: a snapshot of the world written and awaited (for
     * {@code tickstoreCheckpoint} the one its operation queued; for {@code plainMemoryCopy} one queued here), then
     * deleted. Both measured copies therefore run under the same conditions: after the same write, with the world's
     * memory as the write left it.
     */
    @TearDown(Level.Invocation)
    public void writeSnapshotBetweenOperations() throws IOException {
        checkpoints.checkpoint(world);
        checkpoints.awaitAll();
        long tick = world.tick();
        if (run.hasTick(tick)) {
            Scratch.delete(SnapshotLayout.snapshotDir(run.dir(), tick));
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        checkpoints.close();
        run.close();
        target.close();
        world.close();
        allocator.close();
        scratch.close();
    }
}
