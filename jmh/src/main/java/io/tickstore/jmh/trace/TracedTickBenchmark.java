package io.tickstore.jmh.trace;

import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimRandom;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.sim.TickContext;
import io.tickstore.columns.trace.TraceCollector;
import io.tickstore.columns.trace.TraceLevel;
import io.tickstore.columns.trace.TraceRecorder;
import io.tickstore.examples.creatures.CreatureSimulation;
import java.util.List;
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
 * What tracing adds to the creature world's tick, beside the untraced tick in the same run. {@code untracedTick} is
 * the reference simulation's two systems with the tick's collector {@link TraceCollector#NONE}; {@code tracedTick}
 * is the same tick with a {@link TraceRecorder} at {@code level} as the collector, flushed after the tick:
 * {@code NONE} (every trace call returns after one comparison), {@code SUMMARY} (two events a tick), {@code DEBUG}
 * (plus one per birth and death: tens a tick), {@code TRACE} (plus one per creature that acted: a tenth of them).
 * {@code sink} {@code none} is the recorder without a backend (flush empties the buffer); {@code discard} hands every
 * flushed tick to the recorder's writer thread, which drops it: the hand-off a database journal costs the tick,
 * without the database. Targets: DEBUG at most 1.05x the untraced tick; NONE within noise.
 *
 * <p>Every iteration starts both worlds afresh from the same seed and runs exactly {@value #TICKS} ticks
 * ({@code SingleShotTime} with a batch), so both sides simulate the same ticks, however fast each runs: a world's
 * population, and so a tick's cost, changes as it runs, and a timed iteration would compare different ticks. The
 * score is the time of the {@value #TICKS} ticks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, batchSize = TracedTickBenchmark.TICKS)
@Measurement(iterations = 20, batchSize = TracedTickBenchmark.TICKS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx4g"})
public class TracedTickBenchmark {
    static final long SEED = 36L;
    static final int TICKS = 1000;

    @Param({"100000"})
    public int creatures;

    @Param({"NONE", "DEBUG", "TRACE"})
    public String level;

    @Param({"none", "discard"})
    public String sink;

    private RootAllocator allocator;
    private TraceRecorder recorder;
    private Ticker traced;
    private Ticker untraced;

    /** Steps a world's systems as {@code SimulationRunner} does, with a collector of its choosing. */
    static final class Ticker implements TickContext {
        final World world;
        final List<SimulationSystem> systems;
        final SimRandom random;
        final TraceCollector trace;
        long tick;

        Ticker(World world, TraceCollector trace) {
            this(world, new CreatureSimulation(world).systems(), trace);
        }

        Ticker(World world, List<SimulationSystem> systems, TraceCollector trace) {
            this.world = world;
            this.systems = systems;
            this.random = SimRandom.fromState(world.rngState());
            this.trace = trace;
        }

        long step() {
            tick = world.tick() + 1;
            for (SimulationSystem system : systems) {
                system.run(this);
            }
            world.setTick(tick);
            world.setRngState(random.state());
            trace.flush(tick);
            return tick;
        }

        @Override
        public World world() {
            return world;
        }

        @Override
        public long tick() {
            return tick;
        }

        @Override
        public SimRandom random() {
            return random;
        }

        @Override
        public TraceCollector trace() {
            return trace;
        }
    }

    @Setup(Level.Trial)
    public void allocator() {
        allocator = new RootAllocator();
    }

    @Setup(Level.Iteration)
    public void freshWorlds() {
        recorder = TraceRecorder.create(TraceLevel.parse(level), allocator, sink.equals("discard") ? batch -> { } : null);
        traced = new Ticker(CreatureSimulation.newWorld(allocator, SEED, creatures), recorder);
        untraced = new Ticker(CreatureSimulation.newWorld(allocator, SEED, creatures), TraceCollector.NONE);
    }

    @Benchmark
    public long tracedTick() {
        return traced.step();
    }

    @Benchmark
    public long untracedTick() {
        return untraced.step();
    }

    @TearDown(Level.Iteration)
    public void closeWorlds() {
        recorder.close();
        traced.world.close();
        untraced.world.close();
    }

    @TearDown(Level.Trial)
    public void free() {
        allocator.close();
    }
}
