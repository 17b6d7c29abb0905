package io.tickstore.jmh.recording;

import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.examples.creatures.Creatures;
import io.tickstore.jmh.eventlog.Scratch;
import io.tickstore.recording.Recording;
import io.tickstore.recording.RecordingBuilder;
import java.io.IOException;
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
 * The reference simulation's tick with recording on and off, in the same run: {@code Recording.step} (the act and
 * cleanup systems timed, every write of the cleanup pass appended to the log, the tick's end and generator state
 * logged) beside {@code CreatureSimulation.step} on an unrecorded world of the same seed and size. Target: recording
 * adds at most 15 percent to the tick. Checkpoints are left out (a checkpoint every 10^9 ticks): their cost is the
 * stall {@code CheckpointStallBenchmark} measures against a memory copy.
 *
 * <p>{@code invariant = population} registers one invariant check on the recording (the creatures are not all gone:
 * a table lookup and a row count) run at every tick's end, against {@code none}: what a cheap check costs a tick.
 * It changes nothing of {@code unrecordedTick}; run that with {@code -p invariant=none}.
 *
 * <p>Each iteration starts both worlds afresh from the same seed (so both sides simulate the same ticks), records
 * into a fresh run in the page cache and deletes it afterwards.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {RecordingJvm.OPEN_NIO, RecordingJvm.EXPORT_MISC, RecordingJvm.HEAP})
public class RecordedTickBenchmark {
    static final long SEED = 36L;

    @Param({"100000"})
    public int creatures;

    @Param({"none", "population"})
    public String invariant;

    private Scratch scratch;
    private RootAllocator allocator;
    private int iteration;
    private Recording recording;
    private List<SimulationSystem> recordedSystems;
    private World plain;
    private CreatureSimulation plainSimulation;

    @Setup(Level.Trial)
    public void scratch() throws IOException {
        scratch = Scratch.create("recorded-tick");
        allocator = new RootAllocator();
    }

    @Setup(Level.Iteration)
    public void freshWorlds() throws IOException {
        RecordingBuilder builder = Recording.at(scratch.resolve("run-" + iteration++)).fsync(false).checkpointEvery(1_000_000_000L)
                .simulation(new Creatures(), new SimulationSettings(SEED, creatures));
        switch (invariant) {
            case "none" -> { }
            case "population" -> builder.invariant("creatures remain",
                    world -> world.table("creatures").rowCount() > 0 ? null : "every creature is gone");
            default -> throw new IllegalArgumentException("invariant '" + invariant + "': none or population");
        }
        recording = builder.create(allocator);
        recordedSystems = new CreatureSimulation(recording.world()).systems();
        plain = CreatureSimulation.newWorld(allocator, SEED, creatures);
        plainSimulation = new CreatureSimulation(plain);
    }

    @Benchmark
    public long recordedTick() throws IOException {
        recording.step(recordedSystems);
        return recording.tick();
    }

    @Benchmark
    public long unrecordedTick() {
        plainSimulation.step();
        return plain.tick();
    }

    @TearDown(Level.Iteration)
    public void closeWorlds() throws IOException {
        recording.close();
        plain.close();
        scratch.clear();
    }

    @TearDown(Level.Trial)
    public void free() throws IOException {
        allocator.close();
        scratch.close();
    }
}
