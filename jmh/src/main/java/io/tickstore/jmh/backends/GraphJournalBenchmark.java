package io.tickstore.jmh.backends;

import io.tickstore.backends.PersistOutcome;
import io.tickstore.examples.graph.GraphWorld;
import io.tickstore.columns.World;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
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
 * Journaling a 2,000-node {@link GraphWorld} ({@value #ROWS} rows: a {@code nodes} and an {@code edges} table)
 * as a running simulation does, one checkpoint after another into the same journal, for each write path. The
 * reference design's integration test allowed one second for this world; the target is under 20 ms.
 *
 * <p>{@link #graphRows} reports rows per second (to set beside {@link CreatureJournalBenchmark});
 * {@link #graphWorld} reports milliseconds per world, the figure the target is about. Each operation persists the
 * next tick, so the journal grows as it would in a run.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx4g"})
public class GraphJournalBenchmark {
    static final int NODES = 2_000;
    static final int EDGES_PER_NODE = 4;
    static final int ROWS = NODES + NODES * EDGES_PER_NODE;

    @Param({JournalTarget.PG_BINARY_COPY, JournalTarget.PG_BINARY_COPY_STAGED, JournalTarget.PG_TEXT_COPY, JournalTarget.PG_BATCHED_INSERT,
            JournalTarget.SQLITE_BATCHED_INSERT})
    public String target;

    private BufferAllocator allocator;
    private World world;
    private JournalTarget journal;
    private long tick;

    @Setup(Level.Trial)
    public void open() throws IOException {
        allocator = new RootAllocator();
        world = GraphWorld.create(allocator, 2_000L, NODES, EDGES_PER_NODE, 0);
        journal = JournalTarget.open(target, List.of(GraphWorld.NODES, GraphWorld.EDGES));
    }

    private PersistOutcome persistNextTick() {
        world.setTick(tick++);
        return journal.backend().persistTick(journal.session(), world);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ROWS)
    public PersistOutcome graphRows() {
        return persistNextTick();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public PersistOutcome graphWorld() {
        return persistNextTick();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException, IOException {
        journal.close();
        world.close();
        allocator.close();
    }
}
