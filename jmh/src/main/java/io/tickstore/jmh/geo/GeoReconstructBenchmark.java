package io.tickstore.jmh.geo;

import io.tickstore.backends.hex.HexCache;
import io.tickstore.backends.hex.HexState;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
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

/**
 * Rebuilding a past tick from a 260-tick session (806,000 territory rows, ~1.3 million activity rows) into typed rows:
 * the whole map (220,100 hexes) and three random counties (213 hexes), at a random tick. The peer is reading the
 * current state, hex_latest, for the same hexes: what a reconstruction costs beyond a plain read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class GeoReconstructBenchmark {
    static final int TICKS = 260;

    private GeoSession geo;
    private final Random random = new Random(3);
    private int tick;
    private List<String> counties;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        geo = new GeoSession(TICKS - 1, false);
    }

    @Setup(Level.Invocation)
    public void pick() {
        tick = random.nextInt(TICKS);
        counties = List.of(SyntheticGeoWorld.county(random.nextInt(SyntheticGeoWorld.COUNTIES)),
                SyntheticGeoWorld.county(random.nextInt(SyntheticGeoWorld.COUNTIES)),
                SyntheticGeoWorld.county(random.nextInt(SyntheticGeoWorld.COUNTIES)));
    }

    @Benchmark
    public List<HexState> reconstructWholeMap() throws SQLException {
        return done(HexCache.reconstruct(geo.connection, geo.session, tick, List.of()));
    }

    @Benchmark
    public List<HexState> reconstructThreeCounties() throws SQLException {
        return done(HexCache.reconstruct(geo.connection, geo.session, tick, counties));
    }

    @Benchmark
    public List<HexState> latestWholeMap() throws SQLException {
        return done(HexCache.latest(geo.connection, geo.session, List.of()));
    }

    @Benchmark
    public List<HexState> latestThreeCounties() throws SQLException {
        return done(HexCache.latest(geo.connection, geo.session, counties));
    }

    private List<HexState> done(List<HexState> rows) throws SQLException {
        geo.connection.rollback();
        return rows;
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        geo.close();
    }
}
