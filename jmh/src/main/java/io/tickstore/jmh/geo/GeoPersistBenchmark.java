package io.tickstore.jmh.geo;

import io.tickstore.backends.hex.HexCache;
import java.sql.SQLException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * One tick's persist at the reference design's scale, one transaction each: 3,100 territory rows, 5,000 activity
 * rows and the refresh of hex_latest (its two phases), committed. Peers: the same rows by executemany in batches of
 * 1,000 or by text COPY into temporary tables then INSERT ... ON CONFLICT DO NOTHING (each followed by the same
 * refresh), and the untiered journal that writes all 220,100 hexes with hex_latest's 45 columns every tick and
 * needs no refresh. Each operation journals the next tick of its session; the tick's rows are made before it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class GeoPersistBenchmark {
    public static final String TIERED = "tiered-binary-copy";
    public static final String EXECUTEMANY = "executemany-1000";
    public static final String TEXT_COPY = "text-copy-on-conflict";
    public static final String UNTIERED = "untiered-every-hex";

    @Param({TIERED, EXECUTEMANY, TEXT_COPY, UNTIERED})
    public String target;

    private GeoSession geo;
    private UntieredJournal untiered;
    private final Random random = new Random(42);
    private int tick;
    private GeoTick next;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        geo = new GeoSession(0, false);
        if (target.equals(TEXT_COPY)) {
            TickWriters.createStaging(geo.connection);
        }
        if (target.equals(UNTIERED)) {
            UntieredJournal.createTable(geo.connection);
            untiered = new UntieredJournal(random);
        }
    }

    @Setup(Level.Invocation)
    public void makeTheNextTick() {
        next = new GeoTick(++tick, random);
    }

    @Benchmark
    public int persistTick() throws SQLException {
        switch (target) {
            case TIERED -> TickWriters.binaryCopy(geo.connection, geo.session, next);
            case EXECUTEMANY -> TickWriters.executeMany(geo.connection, geo.session, next);
            case TEXT_COPY -> TickWriters.textCopyOnConflict(geo.connection, geo.session, next);
            case UNTIERED -> untiered.write(geo.connection, geo.session, next);
            default -> throw new IllegalArgumentException("unknown target " + target);
        }
        if (!target.equals(UNTIERED)) {
            HexCache.refresh(geo.connection, geo.session, next.tick);
        }
        geo.connection.commit();
        return next.tick;
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        geo.close();
    }
}
