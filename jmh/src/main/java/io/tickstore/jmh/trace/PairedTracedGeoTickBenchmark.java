package io.tickstore.jmh.trace;

import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimulationRunner;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.trace.TraceCollector;
import io.tickstore.columns.trace.TraceLevel;
import io.tickstore.columns.trace.TraceRecorder;
import io.tickstore.examples.geo.GeoWorld;
import java.util.List;
import java.util.Map;
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
 * What tracing adds to the geographic world's tick ({@link GeoWorld}, H3 resolution {@code resolution}: at 6, 3,100
 * counties whose economies all move every tick and 5,000 active hexes), in the pairs of {@link PairedTracedTickBenchmark}:
 * iterations of {@value #TICKS} ticks alternate untraced (even) and traced at {@code level} (odd), each traced one
 * paired with the untraced one before it. At DEBUG the world traces every county and every active hex, about 8,100
 * events a tick; at SUMMARY two. The map takes seconds to build, so one world is built per trial and ticks on through
 * every iteration: its cost per tick is the same from tick to tick (a fixed number of counties and of hexes drawn), so
 * consecutive iterations simulate comparable ticks. The simulation thread's CPU time per iteration goes to the file
 * {@code tickstore.cpuTimes} names as {@code geo:LEVEL sink side nanos}; {@code jmh/trace-overhead.sh} reads it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6, batchSize = PairedTracedGeoTickBenchmark.TICKS)
@Measurement(iterations = 40, batchSize = PairedTracedGeoTickBenchmark.TICKS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx6g"})
public class PairedTracedGeoTickBenchmark {
    static final int TICKS = 50;

    @Param({"6"})
    public int resolution;

    @Param({"NONE", "DEBUG"})
    public String level;

    @Param({"none", "discard"})
    public String sink;

    private RootAllocator allocator;
    private World world;
    private List<SimulationSystem> systems;
    private TraceRecorder recorder;
    private TracedTickBenchmark.Ticker ticker;
    private final PairedIterations pairs = new PairedIterations();

    @Setup(Level.Trial)
    public void world() {
        allocator = new RootAllocator();
        GeoWorld geo = new GeoWorld();
        world = SimulationRunner.newWorld(geo, allocator,
                new SimulationSettings(TracedTickBenchmark.SEED, 0, Map.of("resolution", Integer.toString(resolution))));
        systems = geo.systems(world);
    }

    @Setup(Level.Iteration)
    public void collector() {
        boolean traced = pairs.next();
        recorder = traced ? TraceRecorder.create(TraceLevel.parse(level), allocator, sink.equals("discard") ? batch -> { } : null) : null;
        ticker = new TracedTickBenchmark.Ticker(world, systems, traced ? recorder : TraceCollector.NONE);
        pairs.startClock();
    }

    @Benchmark
    public long tick() {
        return ticker.step();
    }

    @TearDown(Level.Iteration)
    public void closeCollector() throws java.io.IOException {
        pairs.finish("geo:" + level, sink);
        if (recorder != null) {
            recorder.close();
        }
    }

    @TearDown(Level.Trial)
    public void free() {
        world.close();
        allocator.close();
    }
}
