package io.tickstore.jmh.backends;

import io.tickstore.backends.SessionStore;
import io.tickstore.backends.internal.journal.JournalNames;
import io.tickstore.backends.postgres.PostgresOptions;
import io.tickstore.backends.postgres.PostgresRuntime;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
 * Partitioning the PostgreSQL journal by session, measured: with {@code partitioned} true every journal table is
 * LIST-partitioned on the session id (the default), false one plain table shared by every session. The journal holds
 * {@code sessions} sessions (100) of {@code ticks} ticks of a {@code rows}-creature world before measuring.
 *
 * <ul>
 *   <li>{@code persistTick}: one {@code persistTick} of the next tick of one of those sessions, round robin (what
 *       a running simulation pays per checkpoint when 100 sessions share the journal).</li>
 *   <li>{@code deleteSession}: deleting one session of {@code ticks} ticks ({@code SessionStore.deleteSession}):
 *       dropping its partitions, or deleting its rows from the shared table. A fresh session is persisted before
 *       each operation, outside the measured time.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx4g"})
public class SessionPartitionBenchmark {
    @Param({"true", "false"})
    public boolean partitioned;

    @Param({"100"})
    public int sessions;

    @Param({"10000"})
    public int rows;

    @Param({"3"})
    public int ticks;

    private RootAllocator allocator;
    private World world;
    private CreatureSimulation simulation;
    private PostgresRuntime backend;
    private String schema;
    private final List<UUID> ids = new ArrayList<>();
    private final List<Long> nextTick = new ArrayList<>();
    private int turn;

    @Setup(Level.Trial)
    public void fill() {
        allocator = new RootAllocator();
        world = CreatureSimulation.newWorld(allocator, 36, rows);
        simulation = new CreatureSimulation(world);
        schema = "tickstore_bench_parts_" + UUID.randomUUID().toString().substring(0, 8);
        String url = System.getenv().getOrDefault("TICKSTORE_PG_URL", JournalTarget.DEFAULT_URL);
        backend = PostgresRuntime.open(url, PostgresOptions.defaults().withSchema(schema).withPoolSize(2).withSessionPartitions(partitioned));
        backend.initSchema();
        for (int s = 0; s < sessions; s++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            backend.createSession(id, world);
            for (int t = 0; t < ticks; t++) {
                simulation.step();
                backend.persistTick(id, world);
            }
            nextTick.add(world.tick());
        }
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("ANALYZE");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public long persistTick() {
        int s = turn++ % sessions;
        simulation.step();
        backend.persistTick(ids.get(s), world);
        return world.tick();
    }

    /** A fresh session of {@code ticks} ticks before each delete, outside the measured time (deleteSession only). */
    @State(Scope.Thread)
    public static class Doomed {
        UUID id;

        @Setup(Level.Invocation)
        public void persist(SessionPartitionBenchmark journal) {
            id = UUID.randomUUID();
            journal.backend.createSession(id, journal.world);
            for (int t = 0; t < journal.ticks; t++) {
                journal.simulation.step();
                journal.backend.persistTick(id, journal.world);
            }
        }
    }

    @Benchmark
    public long deleteSession(Doomed doomed) {
        return ((SessionStore) backend).deleteSession(doomed.id).totalRows();
    }

    @TearDown(Level.Trial)
    public void drop() throws Exception {
        backend.close();
        String url = System.getenv().getOrDefault("TICKSTORE_PG_URL", JournalTarget.DEFAULT_URL);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + JournalNames.quote(schema) + " CASCADE");
        }
        world.close();
        allocator.close();
    }
}
