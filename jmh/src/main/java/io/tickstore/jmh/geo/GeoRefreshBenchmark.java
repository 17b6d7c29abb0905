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
 * The refresh's two phases apart, each committed: the territory broadcast (the tick's territory is checked to hold
 * every county, then hex_latest_tick, at whose tick hex_latest_county reads the territory journal, moves to the tick)
 * and the activity overlay (the tick's ~5,000 activity rows laid over hex_latest_cell). The tick's journal rows are
 * written and committed before each operation, and the other phase is run outside the measured time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class GeoRefreshBenchmark {
    @Param({"broadcast", "overlay"})
    public String phase;

    private GeoSession geo;
    private final Random random = new Random(7);
    private int tick;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        geo = new GeoSession(0, false);
    }

    @Setup(Level.Invocation)
    public void journalTheNextTick() throws SQLException {
        tick++;
        TickWriters.binaryCopy(geo.connection, geo.session, new GeoTick(tick, random));
        if (phase.equals("overlay")) {
            HexCache.broadcastTerritory(geo.connection, geo.session, tick);
        }
        geo.connection.commit();
    }

    @Benchmark
    public int refreshPhase() throws SQLException {
        int rows = phase.equals("broadcast")
                ? HexCache.broadcastTerritory(geo.connection, geo.session, tick)
                : HexCache.overlayActivity(geo.connection, geo.session, tick - 1, tick);
        geo.connection.commit();
        return rows;
    }

    @TearDown(Level.Invocation)
    public void finishTheRefresh() throws SQLException {
        if (phase.equals("broadcast")) {
            HexCache.overlayActivity(geo.connection, geo.session, tick - 1, tick);
            geo.connection.commit();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        geo.close();
    }
}
