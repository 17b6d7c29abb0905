package io.tickstore.jmh.eventlog;

import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.examples.creatures.Creatures;
import io.tickstore.recording.Recording;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.eventlog.EventLogReader;
import io.tickstore.snapshot.replay.LogReplayer;
import io.tickstore.snapshot.replay.ReplayResult;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Replay throughput: records applied per second when {@code LogReplayer} applies the reference simulation's log to
 * the world it started from: the §36 world ({@code rows} = 1,000,000, 10 ticks of log) and a world ten times
 * smaller whose columns fit in the caches ({@code rows} = 100,000, 100 ticks), both about 3.1 million records.
 *
 * <p>Setup (once per trial): the world at tick 0, then the ticks simulated under a recording, every mutation
 * logged (a tenth of the creatures act per tick). Before every invocation a fresh copy of the tick-0 world is made and its id index
 * built (what the first id lookup after loading a snapshot does once), outside the measured region. One operation:
 * {@code LogReplayer.replay(copy, log, ticks)}, reading the records from the log's mapped chunks. The secondary
 * result {@code recordsApplied} (births, deaths and column writes, in records per second) is the figure: target at
 * least 50 million a second. A tick's writes are spread over the whole table, so at 1M rows every tick reads and
 * writes every cache line of three columns: the figure there is bound by memory bandwidth, not by the loop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {EventLogJvm.OPEN_NIO, EventLogJvm.EXPORT_MISC, EventLogJvm.HEAP})
public class ReplayBenchmark {
    static final long SEED = 36L;
    /** Rows times ticks: the same amount of log for every size. */
    static final long ROW_TICKS = 10_000_000L;

    /** Creatures in the world. */
    @Param({"100000", "1000000"})
    public int rows;

    private int ticks;

    private Scratch scratch;
    private RootAllocator allocator;
    private World start;
    private EventLogReader log;
    private World copy;

    /** Records applied, reported per second beside the operations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Applied {
        public long recordsApplied;
    }

    @Setup(Level.Trial)
    public void recordLog() throws IOException {
        scratch = Scratch.create("replay");
        allocator = new RootAllocator();
        ticks = (int) (ROW_TICKS / rows);
        start = CreatureSimulation.newWorld(allocator, SEED, rows);
        try (Recording rec = Recording.at(scratch.resolve("run")).fsync(false).checkpointEvery(ticks)
                .simulation(new Creatures(), new SimulationSettings(SEED, rows)).create(allocator)) {
            List<SimulationSystem> systems = new CreatureSimulation(rec.world()).systems();
            for (int t = 0; t < ticks; t++) {
                rec.step(systems);
            }
        }
        log = EventLogReader.open(EventLogLayout.logDir(scratch.resolve("run")));
    }

    @Setup(Level.Invocation)
    public void freshCopy() {
        copy = WorldCopy.of(start, allocator);
        for (Table table : copy.tables()) {
            table.slotOf(0);
        }
    }

    @Benchmark
    public long tickstoreReplay(Applied applied) throws IOException {
        ReplayResult result = LogReplayer.replay(copy, log, ticks);
        applied.recordsApplied += result.recordsApplied();
        return result.recordsApplied();
    }

    @TearDown(Level.Invocation)
    public void dropCopy() {
        copy.close();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        log.close();
        start.close();
        allocator.close();
        scratch.close();
    }
}
