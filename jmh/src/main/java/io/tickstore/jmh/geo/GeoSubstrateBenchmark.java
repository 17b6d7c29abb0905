package io.tickstore.jmh.geo;

import io.tickstore.backends.postgres.copy.BinaryCopyWriter;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The once-per-session substrate load: 1,540,700 rows (seven cells under each of 220,100 hexes, 14 columns) encoded
 * by the project's BinaryCopyWriter and sent by binary COPY into an empty hex_substrate (primary key and parent
 * index maintained), committed. Its floor is the server's own binary COPY of the same rows from a file it wrote
 * itself: {@code jmh/pg-copy-floor.sh substrate}; the ratio of the two is the figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class GeoSubstrateBenchmark {
    static final int CELLS = SyntheticGeoWorld.HEXES * 7;
    private static final String[] TERRAINS = {"plains", "forest", "mountain", "desert", "wetland", "urban", "water"};

    private final String schema = "tickstore_bench_geo_" + UUID.randomUUID().toString().substring(0, 8);
    private final UUID session = UUID.randomUUID();
    private java.sql.Connection connection;
    private String[] cell;
    private String[] parent;
    private byte[] terrain;
    private float[] floats;
    private boolean[] flags;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        connection = SyntheticGeoWorld.open(schema);
        Random random = new Random(11);
        cell = new String[CELLS];
        parent = new String[CELLS];
        terrain = new byte[CELLS];
        floats = new float[CELLS * 9];
        flags = new boolean[CELLS * 2];
        for (int i = 0; i < CELLS; i++) {
            int hex = i / 7;
            String digits = Integer.toHexString(hex * 8 + i % 7);
            cell[i] = "87" + "0".repeat(13 - digits.length()) + digits;
            parent[i] = SyntheticGeoWorld.hex(hex);
            terrain[i] = (byte) random.nextInt(TERRAINS.length);
            for (int f = 0; f < 9; f++) {
                floats[i * 9 + f] = random.nextFloat();
            }
            flags[i * 2] = random.nextInt(3) == 0;
            flags[i * 2 + 1] = random.nextInt(10) == 0;
        }
    }

    @Setup(Level.Iteration)
    public void empty() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("TRUNCATE hex_substrate");
        }
        connection.commit();
    }

    @Benchmark
    public long loadSubstrate() throws SQLException {
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY hex_substrate FROM STDIN (FORMAT binary)");
        long rows;
        try {
            BinaryCopyWriter out = new BinaryCopyWriter(in::writeToCopy, 1 << 20);
            out.writeHeader();
            for (int i = 0; i < CELLS; i++) {
                int f = i * 9;
                out.startRow(14);
                out.writeUuid(session);
                out.writeText(cell[i]);
                out.writeText(parent[i]);
                out.writeText(TERRAINS[terrain[i]]);
                out.writeFloat4(floats[f] * 3000);
                out.writeFloat4(floats[f + 1]);
                out.writeFloat4(floats[f + 2]);
                out.writeFloat4(floats[f + 3] * 10);
                out.writeFloat4(floats[f + 4] * 1000);
                out.writeFloat4(floats[f + 5]);
                out.writeBool(flags[i * 2]);
                out.writeFloat4(floats[f + 6]);
                out.writeBool(flags[i * 2 + 1]);
                out.writeFloat4(floats[f + 7]);
            }
            out.finish();
            rows = in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        connection.commit();
        return rows;
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        SyntheticGeoWorld.drop(connection, schema);
    }
}
