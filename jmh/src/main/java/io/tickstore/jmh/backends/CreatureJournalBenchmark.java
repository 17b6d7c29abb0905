package io.tickstore.jmh.backends;

import io.tickstore.backends.PersistOutcome;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
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
 * Journaling one tick of the §36 world (1,000,000 creatures, 8 columns) through
 * {@code RuntimePersistence.persistTick}, in rows per second, for each write path side by side: PostgreSQL binary
 * COPY (Tickstore's method), text COPY, batched INSERT of 1,000 rows (the reference design's method) and SQLite
 * batched inserts.
 *
 * <p>One operation is one whole persist: content hash, one transaction, the tick gate, the rows, the registry
 * rows, the commit (with the server's fsync). The journal is emptied before each operation, outside the measured
 * region, so every operation writes a million rows into the same empty table. An operation takes seconds, so one
 * iteration is usually one operation. Targets: binary COPY at least 10 times batched INSERT and 1.3 times text COPY.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx4g"})
public class CreatureJournalBenchmark {
    static final int ROWS = 1_000_000;

    @Param({JournalTarget.PG_BINARY_COPY, JournalTarget.PG_BINARY_COPY_STAGED, JournalTarget.PG_TEXT_COPY, JournalTarget.PG_BATCHED_INSERT,
            JournalTarget.SQLITE_BATCHED_INSERT})
    public String target;

    private BufferAllocator allocator;
    private World world;
    private JournalTarget journal;

    @Setup(Level.Trial)
    public void open() throws IOException {
        allocator = new RootAllocator();
        world = CreatureSimulation.newWorld(allocator, 36L, ROWS);
        journal = JournalTarget.open(target, List.of(CreatureSimulation.SCHEMA));
    }

    @Setup(Level.Invocation)
    public void emptyTheJournal() throws SQLException, IOException {
        journal.reset();
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public PersistOutcome persistMillionRowTick() {
        PersistOutcome outcome = journal.backend().persistTick(journal.session(), world);
        if (outcome != PersistOutcome.STORED) {
            throw new IllegalStateException("the journal was not empty: " + outcome);
        }
        return outcome;
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException, IOException {
        journal.close();
        world.close();
        allocator.close();
    }
}
