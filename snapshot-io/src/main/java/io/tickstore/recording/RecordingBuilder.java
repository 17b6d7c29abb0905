package io.tickstore.recording;

import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimRandom;
import io.tickstore.columns.sim.Simulation;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.trace.TraceLevel;
import io.tickstore.snapshot.eventlog.BackPressure;
import io.tickstore.snapshot.eventlog.ChunkHeader;
import io.tickstore.snapshot.eventlog.EventLogOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;

/**
 * How a {@link Recording} is made: where the run lives, how it checkpoints, who observes it; then one of
 * {@link #create(World)}, {@link #create(BufferAllocator, WorldInit)}, {@link #resume(BufferAllocator)} or
 * {@link #createOrResume(BufferAllocator, WorldInit)}.
 *
 * <pre>
 * try (Recording rec = Recording.at(Path.of("runs/demo")).checkpointEvery(10).createOrResume(allocator, init)) { ... }
 * </pre>
 *
 * A resume continues the run with the settings it was started with; a setting given here that contradicts them is
 * refused ({@link io.tickstore.columns.TickstoreException.Problem#BAD_RUN_SETTINGS}), except {@link #endTick}, which
 * moves the run's end.
 */
public final class RecordingBuilder {
    /** Builds tick 0 of a new run in an empty world, drawing randomness from the run's generator. */
    @FunctionalInterface
    public interface WorldInit {
        void populate(World world, SimRandom random) throws Exception;
    }

    final Path runDir;
    RunSettings settings = RunSettings.defaults();
    final List<RecordingObserver> observers = new ArrayList<>();
    final List<InvariantChecks.Registered> invariants = new ArrayList<>();
    TraceLevel traceLevel = TraceLevel.NONE;
    boolean verifyReplay;
    long logSegmentBytes = EventLogOptions.DEFAULT_SEGMENT_BYTES;
    Simulation simulation;
    private final List<String> explicit = new ArrayList<>();

    RecordingBuilder(Path runDir) {
        this.runDir = Objects.requireNonNull(runDir, "runDir");
    }

    /** A snapshot every {@code ticks} ticks (default 100); tick 0 and the end tick are always written. */
    public RecordingBuilder checkpointEvery(long ticks) {
        settings = settings.withCheckpointEvery(ticks);
        explicit.add("checkpointEvery");
        return this;
    }

    /** Whether snapshots and log chunks are forced to disk (default true); false leaves them in the page cache. */
    public RecordingBuilder fsync(boolean force) {
        settings = settings.withFsync(force);
        explicit.add("fsync");
        return this;
    }

    /** Records per event log buffer (default 65,536); a kill -9 loses at most two buffers of records. */
    public RecordingBuilder logBufferRecords(int records) {
        if (records < 1 || records > ChunkHeader.MAX_RECORDS) {
            throw new IllegalArgumentException("log buffer of " + records + " records is outside 1.." + ChunkHeader.MAX_RECORDS);
        }
        settings = settings.withLogBufferRecords(records);
        explicit.add("logBufferRecords");
        return this;
    }

    /**
     * The size at which the event log starts a new segment file (default 256 MiB; at least 4 KiB). Not kept with the
     * run: a resume writes new segments at its own size.
     */
    public RecordingBuilder logSegmentBytes(long bytes) {
        EventLogOptions.defaults().withSegmentBytes(bytes); // checks the range, naming it
        this.logSegmentBytes = bytes;
        return this;
    }

    /** What appending does when the log's writer falls behind (default {@link BackPressure#BLOCK}). */
    public RecordingBuilder backPressure(BackPressure policy) {
        settings = settings.withBackPressure(policy);
        explicit.add("backPressure");
        return this;
    }

    /** The tick the run ends at: closing at or after it marks the run completed and checkpoints it. */
    public RecordingBuilder endTick(long tick) {
        if (tick < 0) {
            throw new IllegalArgumentException("end tick " + tick + " is negative");
        }
        settings = settings.withEndTick(tick);
        return this;
    }

    /** The seed of the run's generator for a world built by this recording (default 0). */
    public RecordingBuilder seed(long seed) {
        settings = new RunSettings(settings.simulation(), seed, settings.entities(), settings.parameters(), settings.endTick(),
                settings.checkpointEvery(), settings.fsync(), settings.logBufferRecords(), settings.backPressure(),
                settings.attributes(), settings.status());
        explicit.add("seed");
        return this;
    }

    /**
     * Records a {@link Simulation}: a new run is populated by it from {@code simulationSettings}, and its name and
     * settings go into {@code run.json}, so a resume (and {@code ./tickstore run --resume}) can rebuild it.
     */
    public RecordingBuilder simulation(Simulation sim, SimulationSettings simulationSettings) {
        this.simulation = Objects.requireNonNull(sim, "simulation");
        settings = settings.withSimulation(sim.name(), simulationSettings);
        explicit.add("simulation");
        explicit.add("seed");
        return this;
    }

    /** Adds an observer (a journal, a tracer); they are called in the order added. */
    public RecordingBuilder observer(RecordingObserver observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
        return this;
    }

    /**
     * Runs {@code check} at the end of every tick, on the simulation thread, after the tick's systems and before its
     * end is recorded or observers hear of it; the names of the checks that ran are in the {@link TickReport}. A check
     * that fails stops the tick with a {@link io.tickstore.columns.TickstoreException} of problem
     * {@link io.tickstore.columns.TickstoreException.Problem#INVARIANT_VIOLATED} naming the run, the check, the tick
     * and what the check said; the tick is not recorded, the recording fails (closing it records
     * {@link RunStatus#FAILED}) and a resume continues from the tick before. Checks apply to this recording only, a
     * resume included: they are not kept with the run.
     */
    public RecordingBuilder invariant(String name, InvariantCheck check) {
        return invariant(name, 1, check);
    }

    /** {@link #invariant(String, InvariantCheck)} run only at ticks that are multiples of {@code everyTicks}, for checks that cost. */
    public RecordingBuilder invariant(String name, long everyTicks, InvariantCheck check) {
        InvariantChecks.Registered registered = new InvariantChecks.Registered(name, everyTicks, check);
        for (InvariantChecks.Registered r : invariants) {
            if (r.name().equals(name)) {
                throw new IllegalArgumentException("invariant '" + name + "' is registered already: give each check its own name");
            }
        }
        invariants.add(registered);
        return this;
    }

    /**
     * Traces at {@code level} (default {@link TraceLevel#NONE}: off): systems trace through
     * {@code TickContext.trace()} into an off-heap buffer, the recording flushes it after every tick, and the flushed
     * ticks reach the observers' {@link RecordingObserver#traced} on a writer thread of their own (a database journal
     * stores them in its trace table). Without observers, a flush just empties the buffer.
     */
    public RecordingBuilder tracing(TraceLevel level) {
        this.traceLevel = Objects.requireNonNull(level, "level");
        return this;
    }

    /**
     * Checks at every checkpoint that the world rebuilt from the previous snapshot and the log equals the live one,
     * and fails naming the tick, table, column and entity when it does not: catches a write that bypassed the
     * recording (raw memory, a table loaded behind its back). Costs a replay per checkpoint; for tests.
     */
    public RecordingBuilder verifyReplay(boolean verify) {
        this.verifyReplay = verify;
        return this;
    }

    // ------------------------------------------------------------------ making the recording

    /**
     * A new run of {@code world} (the caller's; it stays theirs to close, after the recording), starting at its
     * current tick. Throws {@link io.tickstore.columns.TickstoreException.Problem#RUN_EXISTS} when the run exists.
     */
    public Recording create(World world) throws IOException {
        return Recording.create(this, Objects.requireNonNull(world, "world"), null, null);
    }

    /** A new run whose tick-0 world {@code init} builds in an empty world; the recording owns that world. */
    public Recording create(BufferAllocator allocator, WorldInit init) throws IOException {
        return Recording.create(this, null, Objects.requireNonNull(allocator, "allocator"), Objects.requireNonNull(init, "init"));
    }

    /** A new run of the {@link #simulation} given to this builder. */
    public Recording create(BufferAllocator allocator) throws IOException {
        return create(allocator, simulationInit());
    }

    /**
     * Continues an existing run after a clean stop or a crash: takes the run's writer lock, rebuilds the world at
     * the last complete tick (its newest snapshot plus the log) with its generator state, cuts what a crash left
     * half-written, and records on from there ({@link Recording#resumed()} says what it found). A run that died
     * before its tick-0 snapshot was durable is built again from its settings, which needs the simulation that
     * made it ({@link #simulation}, or one named in run.json and found on the classpath).
     */
    public Recording resume(BufferAllocator allocator) throws IOException {
        return Recording.resume(this, Objects.requireNonNull(allocator, "allocator"), null);
    }

    /**
     * The run, recorded before or being recorded now, opened for reading only: its settings and status, its snapshot
     * ticks, its last complete tick, any tick rebuilt, its event log. Takes no lock and creates or changes no file,
     * so it works beside a live recording (which it never delays) as on a finished run; only the directory is used of
     * this builder. Throws {@link io.tickstore.columns.TickstoreException.Problem#NO_SUCH_RUN} when there is no run,
     * {@link io.tickstore.columns.TickstoreException.Problem#BAD_RUN_SETTINGS} when its {@code run.json} is missing
     * or damaged.
     */
    public RecordedRun openReadOnly() throws IOException {
        return RecordedRun.open(runDir);
    }

    /** {@link #resume} when the run exists, else {@link #create(BufferAllocator, WorldInit)}: one call for both. */
    public Recording createOrResume(BufferAllocator allocator, WorldInit init) throws IOException {
        if (Files.isDirectory(runDir)) {
            return Recording.resume(this, Objects.requireNonNull(allocator, "allocator"), Objects.requireNonNull(init, "init"));
        }
        return create(allocator, init);
    }

    /** {@link #createOrResume(BufferAllocator, WorldInit)} for the {@link #simulation} given to this builder. */
    public Recording createOrResume(BufferAllocator allocator) throws IOException {
        return createOrResume(allocator, simulationInit());
    }

    private WorldInit simulationInit() {
        if (simulation == null) {
            throw new IllegalStateException("no simulation given: call simulation(sim, settings) first, or pass a WorldInit");
        }
        Simulation sim = simulation;
        SimulationSettings simSettings = settings.simulationSettings();
        return (world, random) -> sim.populate(world, random, simSettings);
    }

    /** Whether a setting was given explicitly (so a resume checks it against the run's own). */
    boolean isExplicit(String setting) {
        return explicit.contains(setting);
    }
}
