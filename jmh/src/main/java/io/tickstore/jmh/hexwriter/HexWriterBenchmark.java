package io.tickstore.jmh.hexwriter;

import io.tickstore.backends.hex.HexJournalWriter;
import io.tickstore.backends.hex.HexSchema;
import io.tickstore.backends.postgres.PgConnections;
import io.tickstore.backends.postgres.PostgresOptions;
import io.tickstore.backends.postgres.PostgresUrl;
import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimulationRunner;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.examples.geo.GeoWorld;
import io.tickstore.jmh.BenchmarkJvm;
import io.tickstore.recording.TouchedRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * One tick of the {@code geo} world at {@code resolution} (6: 3,100 counties, about 220,000 hexes) written into the
 * hex journal's tables from the world itself, in a transaction rolled back after it (so every operation writes the
 * same tick into the same, unchanging tables): territory_snapshot whole, hex_activity for the hexes with activity
 * after one tick (about 5,000). {@code writer} is {@link HexJournalWriter#writeTick} (binary COPY); its peer
 * {@code executemany} is the reference design's method, the same rows by JDBC batches of 1,000 prepared inserts.
 * The cache refresh is not part of it (the hex journal's SQL is measured in jmh's geo package).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchmarkJvm.OPEN_NIO, BenchmarkJvm.EXPORT_MISC, BenchmarkJvm.HEAP})
public class HexWriterBenchmark {
    @Param({"writer", "executemany"})
    public String method;

    @Param({"6"})
    public int resolution;

    private final String schema = "tickstore_bench_hexwriter_" + UUID.randomUUID().toString().substring(0, 8);
    private final UUID session = UUID.randomUUID();
    private BufferAllocator allocator;
    private World world;
    private TouchedRows active;
    private Connection connection;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        allocator = new RootAllocator();
        GeoWorld geo = new GeoWorld();
        world = SimulationRunner.newWorld(geo, allocator, new SimulationSettings(7, 0, Map.of("resolution", Integer.toString(resolution))));
        new SimulationRunner(geo, world).run(1);
        active = HexJournalWriter.activeHexes(world);
        String url = System.getenv().getOrDefault("TICKSTORE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        connection = PgConnections.open(PostgresUrl.parse(url), PostgresOptions.defaults().withSchema(schema), false);
        try (Statement st = connection.createStatement()) {
            st.execute("SET client_min_messages = warning");
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        }
        HexSchema.install(connection);
        connection.setAutoCommit(false);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        connection.rollback();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        connection.close();
        world.close();
        allocator.close();
    }

    @Benchmark
    public int tick() throws SQLException {
        try {
            if (method.equals("writer")) {
                HexJournalWriter.writeTick(connection, session, world, active);
            } else {
                insertBatches("territory_snapshot", world.table("territory"), null);
                insertBatches("hex_activity", world.table("hex_activity"), active);
            }
            return active.count();
        } finally {
            connection.rollback();
        }
    }

    /** The reference design's executemany: one prepared INSERT, rows bound one by one, sent 1,000 at a time. */
    private void insertBatches(String journal, Table table, TouchedRows rows) throws SQLException {
        Schema s = table.schema();
        List<String> columns = new ArrayList<>(List.of("game_id", "tick"));
        columns.addAll(s.columnNames());
        String marks = String.join(", ", java.util.Collections.nCopies(columns.size(), "?"));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + journal + " (" + String.join(", ", columns)
                + ") VALUES (" + marks + ")")) {
            long n = rows == null ? table.rowCount() : rows.count();
            for (long r = 0; r < n; r++) {
                long slot = rows == null ? r : table.slotOf(rows.entityId((int) r));
                insert.setObject(1, session);
                insert.setInt(2, (int) world.tick());
                for (int c = 0; c < s.columnCount(); c++) {
                    bind(insert, 3 + c, table, c, slot);
                }
                insert.addBatch();
                if ((r + 1) % 1000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private void bind(PreparedStatement insert, int index, Table table, int c, long slot) throws SQLException {
        ColumnKind kind = table.schema().column(c).kind();
        String name = table.schema().column(c).name();
        if (kind == ColumnKind.STRING_LIST) {
            insert.setArray(index, connection.createArrayOf("varchar", table.getStrings(c, slot).toArray()));
        } else if (kind == ColumnKind.JSON) {
            insert.setObject(index, table.getString(c, slot), java.sql.Types.OTHER);
        } else if (kind != ColumnKind.SCALAR) {
            insert.setString(index, table.getString(c, slot));
        } else if (name.equals("h3_index")) {
            insert.setString(index, Long.toHexString(table.getLong(c, slot)));
        } else {
            switch (table.columnType(c)) {
                case I16 -> insert.setShort(index, table.getShort(c, slot));
                case I64 -> insert.setLong(index, table.getLong(c, slot));
                case F32 -> insert.setFloat(index, table.getFloat(c, slot));
                case F64 -> insert.setDouble(index, table.getDouble(c, slot));
                default -> throw new IllegalStateException(name + ": " + table.columnType(c));
            }
        }
    }
}
