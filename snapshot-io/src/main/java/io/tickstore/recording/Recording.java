package io.tickstore.recording;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.WorldDiff;
import io.tickstore.columns.sim.SimRandom;
import io.tickstore.columns.sim.Simulation;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.sim.Simulations;
import io.tickstore.columns.sim.TickContext;
import io.tickstore.columns.trace.TraceBatch;
import io.tickstore.columns.trace.TraceCollector;
import io.tickstore.columns.trace.TraceLevel;
import io.tickstore.columns.trace.TraceRecorder;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.WriteOptions;
import io.tickstore.snapshot.checkpoint.CheckpointListener;
import io.tickstore.snapshot.checkpoint.CheckpointPolicy;
import io.tickstore.snapshot.checkpoint.CheckpointStats;
import io.tickstore.snapshot.checkpoint.Checkpointer;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.eventlog.EventLogOptions;
import io.tickstore.snapshot.eventlog.EventLogStats;
import io.tickstore.snapshot.eventlog.EventLogWriter;
import io.tickstore.snapshot.eventlog.EventRecord;
import io.tickstore.snapshot.eventlog.RecoveryReport;
import io.tickstore.snapshot.internal.Directories;
import io.tickstore.snapshot.replay.ReplayException;
import io.tickstore.snapshot.replay.RunHistory;
import io.tickstore.snapshot.store.RunLock;
import io.tickstore.snapshot.store.RunStore;
import io.tickstore.snapshot.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A run being recorded: the one object that owns a run's lifecycle. It creates a run for a world (or resumes one
 * after a clean stop or a crash), holds the run's writer lock, attaches the event log to every table so each
 * write is logged by construction, checkpoints in the background, tells observers (a database journal, a tracer)
 * about every tick, and keeps {@code run.json} (settings and status) true.
 *
 * <pre>
 * try (Recording rec = Recording.at(Path.of("runs/demo")).checkpointEvery(10).createOrResume(allocator, init)) {
 *     Table herd = rec.world().table("herd");
 *     while (rec.tick() &lt; 100) {
 *         herd.setFloat(ENERGY, 0, herd.getFloat(ENERGY, 0) + rec.random().nextFloat());   // logged as it happens
 *         rec.endTick();                                                                    // logged, maybe checkpointed
 *     }
 * }
 * </pre>
 *
 * <h2>Ticks</h2>
 * {@link #tick()} is the last complete tick (the world's). Writes to the world's tables belong to the tick after
 * it, until {@link #endTick()} ends that tick: the world's tick advances, the generator state is saved into it and
 * logged, observers hear of it, and a checkpoint is copied when one is due. {@link #step(List)} runs a list of
 * systems, timing each, and ends the tick. The builder's {@link RecordingBuilder#invariant invariant checks} run at the
 * end of the tick before it is logged: one that fails stops the tick, unrecorded, and fails the recording.
 *
 * <h2>Reading</h2>
 * {@link RecordingBuilder#openReadOnly()} opens a run (this one included, while it records) for reading: a
 * {@link RecordedRun}, without the lock and without changing any file.
 *
 * <h2>What is recorded</h2>
 * Every row added, removed or written through the {@link Table} API of the tables the world held when the recording
 * started. Not recorded, and refused where they can be detected: tables created later, bulk loads, writes through
 * raw addresses. {@link RecordingBuilder#verifyReplay} catches anything that slips past in tests.
 *
 * <h2>Durability</h2>
 * The log is written in chunks by a background thread; a kill -9 loses at most two buffers of records and a resume
 * continues from the last tick the log holds completely, exactly as the uninterrupted run would have. Snapshots are
 * written by the checkpointer's thread: a checkpoint stalls the loop for a memory copy.
 *
 * <h2>Ownership and threads</h2>
 * One thread records. A world the caller passed to {@link RecordingBuilder#create(World)} stays the caller's; a
 * world the recording built (create with an init, resume) is the recording's and closes with it. Closing flushes
 * the log, checkpoints the last tick, waits for every write and observer, records the status, releases the lock;
 * it is idempotent.
 */
public final class Recording implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Recording.class.getName());

    private final Path runDir;
    private final RunLock lock;
    private volatile RunSettings settings;
    private final World world;
    private final boolean ownsWorld;
    private final BufferAllocator allocator;
    private final RunStore run;
    private final EventLogWriter log;
    private final LoggedTables logged;
    private final Checkpointer checkpoints;
    private final List<RecordingObserver> observers;
    private final InvariantChecks invariants;
    private final boolean followEveryTick;
    private final SimRandom random;
    private final Optional<ResumeReport> resumed;
    private final boolean verifyReplay;
    private final long startTick;
    private final List<Table> tables;
    private final ConcurrentHashMap<Long, TickReport> staged = new ConcurrentHashMap<>();
    private final List<Long> snapshots = new ArrayList<>();
    private final Ticking ticking = new Ticking();
    // the tick's trace collector: NONE unless the builder asked for a level; flushed after every tick, its batches
    // handed to the observers' traced() on the recorder's writer thread
    private final TraceCollector tracer;
    private final long startedNanos = System.nanoTime();
    private long tickStartNanos;
    private long mutationsAtTickStart;
    private long systemNanos;
    private final List<TickReport.SystemTiming> timings = new ArrayList<>();
    private long lastVerifiedSnapshot = -1;
    private Throwable failure;
    private volatile boolean interrupted;
    private volatile boolean stopRequested;
    private boolean closed;
    private long closedNanos;
    // the last complete tick, kept where stats() can read it after the world is closed
    private long lastTick;

    private Recording(Path runDir, RunLock lock, RunSettings settings, World world, boolean ownsWorld, BufferAllocator allocator,
                      RunStore run, EventLogWriter log, RecordingBuilder builder, Optional<ResumeReport> resumed) {
        this.runDir = runDir;
        this.lock = lock;
        this.settings = settings;
        this.world = world;
        this.ownsWorld = ownsWorld;
        this.allocator = allocator;
        this.run = run;
        this.log = log;
        this.observers = List.copyOf(builder.observers);
        this.invariants = builder.invariants.isEmpty() ? InvariantChecks.NONE : new InvariantChecks(builder.invariants);
        this.followEveryTick = observers.stream().anyMatch(RecordingObserver::followsEveryTick);
        this.verifyReplay = builder.verifyReplay;
        this.resumed = resumed;
        this.startTick = world.tick();
        this.lastTick = startTick;
        if (world.rngState().length == 0) {
            // a program's own world without a generator: the run's generator starts from the seed
            world.setRngState(new SimRandom(settings.seed()).state());
        }
        // a world that keeps a generator state of its own form keeps it: the recording logs it, and does not offer one
        this.random = world.rngState().length == SimRandom.STATE_BYTES ? SimRandom.fromState(world.rngState()) : null;
        this.logged = new LoggedTables(log);
        this.logged.keepRowChanges = observers.stream().anyMatch(RecordingObserver::followsBirthsAndDeaths);
        this.logged.keepTouchedRows = observers.stream().anyMatch(RecordingObserver::followsTouchedRows);
        this.checkpoints = new Checkpointer(run, allocator, CheckpointPolicy.everyTicks(settings.checkpointEvery()),
                new Follower());
        this.tables = List.copyOf(world.tables());
        this.tracer = builder.traceLevel == TraceLevel.NONE ? TraceCollector.NONE
                : TraceRecorder.create(builder.traceLevel, allocator, observers.isEmpty() ? null : this::traced);
    }

    /** Where a recording starts: the run directory {@code STORE/NAME}. */
    public static RecordingBuilder at(Path runDir) {
        return new RecordingBuilder(runDir);
    }

    /**
     * A run's settings and status as its {@code run.json} holds them, read without taking its lock or changing
     * anything; {@link RunStatus#RUNNING} becomes {@link RunStatus#CRASHED} when no writer holds the run.
     */
    public static RunSettings readSettings(Path runDir) throws IOException {
        RunSettings settings = RunSettingsFile.read(runDir);
        if (settings.status() == RunStatus.RUNNING && !RunLock.isHeld(runDir).orElse(false)) {
            return settings.withStatus(RunStatus.CRASHED);
        }
        return settings;
    }

    // ------------------------------------------------------------------ creating

    static Recording create(RecordingBuilder builder, World given, BufferAllocator parent, RecordingBuilder.WorldInit init)
            throws IOException {
        Path runDir = builder.runDir;
        RunSettings settings = builder.settings.withStatus(RunStatus.RUNNING);
        Path store = checkNewRun(runDir);
        if (builder.simulation != null && given == null) {
            MemoryBudget.check("run " + runDir, settings.entities(), builder.simulation.bytesPerEntity(), logBytes(settings),
                    MemoryBudget.availableBytes());
        }
        boolean storeCreated = !Files.exists(store);
        RunLock lock = createLocked(store, runDir, settings);
        World world = given;
        BufferAllocator allocator = null;
        RunStore run = null;
        EventLogWriter log = null;
        Recording recording = null;
        try {
            BufferAllocator memory = parent != null ? parent : given.allocator();
            allocator = memory.newChildAllocator("recording:" + runDir.getFileName(), 0, Long.MAX_VALUE);
            if (world == null) {
                world = populate(allocator, init, settings.seed());
            } else {
                long perEntity = 0;
                for (Table t : world.tables()) {
                    perEntity += t.schema().rowWidth() + Long.BYTES;
                }
                MemoryBudget.check("run " + runDir, world.totalRows(), perEntity, logBytes(settings), MemoryBudget.availableBytes());
            }
            run = RunStore.open(runDir, writeOptions(settings));
            log = EventLogWriter.create(EventLogLayout.logDir(runDir), allocator, logOptions(settings, builder.logSegmentBytes));
            recording = new Recording(runDir, lock, settings, world, given == null, allocator, run, log, builder, Optional.empty());
            recording.begin(true);
            return recording;
        } catch (IOException | RuntimeException | Error e) {
            // nothing of a run that never started may stay behind: the disk is left as it was found
            if (recording != null) {
                recording.abandon();
            } else {
                closeQuietly(log);
                closeQuietly(run);
                if (given == null && world != null) {
                    world.close();
                }
                closeQuietly(allocator);
            }
            deleteQuietly(runDir);
            if (storeCreated) {
                deleteIfEmpty(store);
            }
            closeQuietly(lock);
            throw e;
        }
    }

    /** The store of a new run, after checking that nothing is in the way; creates nothing. */
    private static Path checkNewRun(Path runDir) {
        Path absolute = runDir.toAbsolutePath().normalize();
        Path name = absolute.getFileName();
        Path store = absolute.getParent();
        if (name == null || store == null) {
            throw new TickstoreException(Problem.INVALID_ARGUMENT, runDir + ": not a run directory (STORE/NAME)");
        }
        try {
            Store.checkRunName(name.toString());
        } catch (IllegalArgumentException e) {
            throw new TickstoreException(Problem.INVALID_ARGUMENT, runDir + ": " + e.getMessage());
        }
        if (Files.exists(runDir)) {
            throw new TickstoreException(Problem.RUN_EXISTS, runDir + ": a run named '" + name + "' exists already in "
                    + store + "; resume it, or choose another name");
        }
        Path existing = store;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new TickstoreException(Problem.INVALID_ARGUMENT, existing.equals(store)
                    ? store + ": already exists and is not a directory (a store is a directory of runs)"
                    : existing + ": is a file, not a directory; the store " + store + " cannot be created under it");
        }
        if (existing != null && !Files.isWritable(existing)) {
            throw new TickstoreException(Problem.IO, existing + ": permission denied (cannot create " + runDir + " there)");
        }
        return store;
    }

    /**
     * Makes {@code runDir} with its lock taken and its {@code run.json} inside, by renaming a hidden directory
     * into place: a run directory never exists without its settings, and a second writer can never slip in
     * between the run appearing and its lock being taken.
     */
    private static RunLock createLocked(Path store, Path runDir, RunSettings settings) throws IOException {
        Files.createDirectories(store);
        removeAbandonedCreations(store, runDir.getFileName().toString());
        Path temp = store.resolve("." + runDir.getFileName() + ".tmp-" + Directories.nonce());
        Files.createDirectory(temp);
        RunLock lock = null;
        try {
            lock = RunLock.acquire(temp);
            RunSettingsFile.write(temp, settings, settings.fsync());
            try {
                Files.move(temp, runDir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                throw new TickstoreException(Problem.RUN_EXISTS, runDir + ": a run named '" + runDir.getFileName()
                        + "' appeared while this one was being created; resume it, or choose another name");
            }
            if (settings.fsync()) {
                Directories.fsync(store);
            }
            return lock;
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(lock);
            deleteQuietly(temp);
            throw e;
        }
    }

    /**
     * Removes the hidden directories that creations of this run name killed before their rename left in the store;
     * one whose lock is still held belongs to a creation in progress and stays.
     */
    private static void removeAbandonedCreations(Path store, String name) throws IOException {
        String prefix = "." + name + ".tmp-";
        try (java.nio.file.DirectoryStream<Path> children = Files.newDirectoryStream(store, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path child : children) {
                if (Files.isDirectory(child, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !RunLock.isHeld(child).orElse(false)) {
                    Directories.deleteRecursively(child);
                }
            }
        }
    }

    private static World populate(BufferAllocator allocator, RecordingBuilder.WorldInit init, long seed) {
        World world = new World(allocator);
        try {
            SimRandom random = new SimRandom(seed);
            init.populate(world, random);
            world.setTick(0);
            world.setRngState(random.state());
            return world;
        } catch (RuntimeException | Error e) {
            world.close();
            throw e;
        } catch (Exception e) {
            world.close();
            throw new TickstoreException(Problem.INVALID_ARGUMENT, "building tick 0 of the world failed: " + e.getMessage(), e);
        }
    }

    /**
     * Cuts a run's damaged event log before its first damaged chunk, keeping every removed byte
     * ({@link io.tickstore.snapshot.eventlog.EventLogSalvage}), under the run's writer lock: a run being recorded is
     * refused ({@link Problem#RUN_LOCKED}), never cut under its writer.
     */
    public static io.tickstore.snapshot.eventlog.SalvageReport salvageLog(Path runDir) throws IOException {
        try (RunLock lock = RunLock.acquire(runDir)) {
            return io.tickstore.snapshot.eventlog.EventLogSalvage.salvage(EventLogLayout.logDir(runDir));
        }
    }

    // ------------------------------------------------------------------ resuming

    static Recording resume(RecordingBuilder builder, BufferAllocator parent, RecordingBuilder.WorldInit init) throws IOException {
        Path runDir = builder.runDir;
        if (!Files.isDirectory(runDir)) {
            throw noSuchRun(runDir, "resume");
        }
        // the lock comes before anything is read: two resumes must never both recover (cut) the same log
        RunLock lock = RunLock.acquire(runDir);
        BufferAllocator allocator = null;
        World world = null;
        RunStore run = null;
        EventLogWriter log = null;
        Recording recording = null;
        try {
            RunSettings recorded = RunSettingsFile.read(runDir);
            RunStatus previous = recorded.status() == RunStatus.RUNNING ? RunStatus.CRASHED : recorded.status();
            RunSettings settings = reconcile(runDir, recorded, builder).withStatus(RunStatus.RUNNING);
            allocator = parent.newChildAllocator("recording:" + runDir.getFileName(), 0, Long.MAX_VALUE);
            Path logDir = EventLogLayout.logDir(runDir);
            boolean hasLog = Files.exists(EventLogLayout.codebook(logDir));
            long lastComplete = -1;
            long fromSnapshot = -1;
            if (hasLog) {
                try (RunHistory history = RunHistory.open(runDir)) {
                    lastComplete = history.lastCompleteTick();
                    OptionalLong snapshot = lastComplete < 0 ? OptionalLong.empty() : history.run().tickAtOrBefore(lastComplete);
                    if (snapshot.isPresent()) {
                        RunHistory.Reconstruction rebuilt = history.reconstruct(lastComplete, allocator);
                        world = rebuilt.world();
                        fromSnapshot = rebuilt.snapshotTick();
                    } else if (lastComplete > 0) {
                        throw new ReplayException(runDir, Problem.NO_SNAPSHOT, "the log reaches tick " + lastComplete
                                + " but the run has no snapshot at or before it to replay it onto");
                    }
                }
            }
            boolean fresh = world == null;
            if (fresh) {
                // the run stopped before its tick-0 snapshot was durable: tick 0 is built again from the settings
                world = populate(allocator, initFor(runDir, recorded, builder, init), recorded.seed());
                lastComplete = -1;
            }
            run = RunStore.open(runDir, writeOptions(settings));
            Optional<RecoveryReport> recovery = Optional.empty();
            if (hasLog) {
                log = EventLogWriter.openForAppend(logDir, allocator, logOptions(settings, builder.logSegmentBytes), Math.max(lastComplete, -1));
                recovery = Optional.of(log.recovery());
            } else {
                log = EventLogWriter.create(logDir, allocator, logOptions(settings, builder.logSegmentBytes));
            }
            ResumeReport report = new ResumeReport(previous, world.tick(), fromSnapshot, recovery);
            recording = new Recording(runDir, lock, settings, world, true, allocator, run, log, builder, Optional.of(report));
            RunSettingsFile.write(runDir, settings, settings.fsync());
            recording.begin(fresh || lastComplete < 0);
            return recording;
        } catch (IOException | RuntimeException | Error e) {
            if (recording != null) {
                recording.abandon();
            } else {
                closeQuietly(log);
                closeQuietly(run);
                if (world != null) {
                    world.close();
                }
                closeQuietly(allocator);
            }
            closeQuietly(lock);
            throw e;
        }
    }

    static TickstoreException noSuchRun(Path runDir, String toDo) {
        Path store = runDir.toAbsolutePath().normalize().getParent();
        String runs = "";
        if (store != null && Files.isDirectory(store)) {
            try {
                List<String> names = Store.runsIn(store);
                runs = names.isEmpty() ? " (the store has no runs)" : " (runs: " + String.join(", ", names) + ")";
            } catch (IOException e) {
                runs = "";
            }
        } else if (store != null) {
            runs = " (there is no store " + store + ")";
        }
        return new TickstoreException(Problem.NO_SUCH_RUN, runDir + ": no such run to " + toDo + runs);
    }

    /** The run's own settings, with the end moved if asked; any other setting given that contradicts them is refused. */
    private static RunSettings reconcile(Path runDir, RunSettings recorded, RecordingBuilder builder) {
        RunSettings asked = builder.settings;
        List<String> conflicts = new ArrayList<>();
        if (builder.isExplicit("checkpointEvery") && asked.checkpointEvery() != recorded.checkpointEvery()) {
            conflicts.add("a checkpoint every " + recorded.checkpointEvery() + " ticks, not " + asked.checkpointEvery());
        }
        if (builder.isExplicit("seed") && asked.seed() != recorded.seed()) {
            conflicts.add("seed " + recorded.seed() + ", not " + asked.seed());
        }
        if (builder.isExplicit("simulation") && (!asked.simulation().equals(recorded.simulation())
                || asked.entities() != recorded.entities() || !asked.parameters().equals(recorded.parameters()))) {
            conflicts.add("simulation '" + recorded.simulation() + "' with " + recorded.entities() + " entities"
                    + (recorded.parameters().isEmpty() ? "" : " and " + recorded.parameters()) + ", not '" + asked.simulation()
                    + "' with " + asked.entities() + (asked.parameters().isEmpty() ? "" : " and " + asked.parameters()));
        }
        if (!conflicts.isEmpty()) {
            throw new TickstoreException(Problem.BAD_RUN_SETTINGS, runDir + ": the run was started with " + String.join("; ", conflicts)
                    + "; a resume continues a run with its own settings");
        }
        RunSettings settings = recorded;
        if (asked.endTick() >= 0) {
            settings = settings.withEndTick(asked.endTick());
        }
        if (builder.isExplicit("fsync")) {
            settings = settings.withFsync(asked.fsync());
        }
        return settings;
    }

    private static RecordingBuilder.WorldInit initFor(Path runDir, RunSettings recorded, RecordingBuilder builder,
                                                     RecordingBuilder.WorldInit init) {
        if (init != null) {
            return init;
        }
        Simulation sim = builder.simulation;
        if (sim == null && !recorded.simulation().isEmpty()) {
            try {
                sim = Simulations.named(recorded.simulation());
            } catch (IllegalArgumentException e) {
                throw new ReplayException(runDir, Problem.NO_SNAPSHOT, "the run stopped before its first snapshot and "
                        + "must be built again by its simulation, but " + e.getMessage());
            }
        }
        if (sim == null) {
            throw new ReplayException(runDir, Problem.NO_SNAPSHOT, "the run stopped before its first snapshot was "
                    + "durable, so there is nothing to resume from; resume it with createOrResume and the init that builds tick 0");
        }
        Simulation chosen = sim;
        return (world, random) -> chosen.populate(world, random, recorded.simulationSettings());
    }

    // ------------------------------------------------------------------ starting

    /** Attaches the log, tells observers, and (for a new run) makes tick 0 durable: its end logged, its snapshot written. */
    private void begin(boolean tickZero) throws IOException {
        logged.attach(world);
        tickStartNanos = System.nanoTime();
        if (tickZero) {
            // tick 0's end is flushed before its snapshot is written: a snapshot then never exists without the log
            // record a replay from it checks against
            logged.tickEnded(world);
        }
        RecordingStart start = new RecordingStart(runDir, world, settings, resumed, this);
        for (RecordingObserver observer : observers) {
            try {
                observer.started(start);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new TickstoreException(Problem.OBSERVER_FAILED,
                        runDir + ": an observer failed to start: " + e.getMessage(), e);
            }
        }
        checkpoints.prepare(world);
        // tick 0 of a new run, and a resume tick that was due a snapshot the interruption kept from being published
        if (tickZero || (checkpoints.policy().isDue(world.tick()) && !run.hasTick(world.tick()))) {
            log.flush();
            stageReport(new TickReport(world.tick(), 0, List.of(), 0, world.totalRows()));
            if (checkpoints.checkpoint(world)) {
                snapshots.add(world.tick());
            }
            checkpoints.awaitDurable(world.tick());
        }
        lastVerifiedSnapshot = world.tick();
        tickStartNanos = System.nanoTime();
        mutationsAtTickStart = logged.mutations();
    }

    // ------------------------------------------------------------------ ticks

    /** The world being recorded. */
    public World world() {
        return world;
    }

    /** The last complete tick. */
    public long tick() {
        return world.tick();
    }

    /** The run's generator: draw every random number from it, so a resume draws the same ones. */
    public SimRandom random() {
        if (random == null) {
            throw new IllegalStateException("the world of " + runDir + " keeps a generator state of " + world.rngState().length
                    + " bytes of its own, so the recording offers no generator: keep using yours and save its state with "
                    + "world().setRngState before each endTick()");
        }
        return random;
    }

    /** What a system sees during the tick being computed. */
    public TickContext context() {
        return ticking;
    }

    /**
     * Runs {@code systems} in order for the next tick, timing each, then ends the tick ({@link #endTick()}). A
     * system that throws fails the recording: it is closed as failed, and a resume continues from the last
     * complete tick.
     */
    public void step(List<SimulationSystem> systems) throws IOException {
        ensureRunning();
        for (SimulationSystem system : systems) {
            long started = System.nanoTime();
            try {
                system.run(ticking);
            } catch (RuntimeException | Error e) {
                failure = e;
                throw e;
            }
            long took = System.nanoTime() - started;
            timings.add(new TickReport.SystemTiming(system.name(), took));
            systemNanos += took;
        }
        endTick();
    }

    /**
     * Ends the tick after {@link #tick()}: the invariant checks due run, the world's tick advances and takes the
     * generator's state, the end is logged, observers are told, and the world is copied for a checkpoint when one is
     * due (or when this is the run's end tick). A failing check throws
     * {@link io.tickstore.columns.TickstoreException.Problem#INVARIANT_VIOLATED} before the end is logged: the world
     * stays at the tick before and the recording fails.
     */
    public void endTick() throws IOException {
        ensureRunning();
        checkTablesUnchanged();
        long ended = world.tick() + 1;
        long now = System.nanoTime();
        world.setTick(ended);
        List<String> checked;
        try {
            checked = invariants.runAt(world, runDir);
        } catch (RuntimeException | Error e) {
            // the tick's end is not logged: its records are a torn tick the resume drops, from the tick before
            world.setTick(ended - 1);
            failure = e;
            throw e;
        }
        lastTick = ended;
        if (random != null) {
            world.setRngState(random.state());
        }
        logged.tickEnded(world);
        tracer.flush(ended);
        TickReport report = new TickReport(ended, now - tickStartNanos, timings, logged.mutations() - mutationsAtTickStart,
                world.totalRows(), logged.takeBirths(), logged.takeDeaths(), logged.takeTouchedRows(), checked);
        timings.clear();
        for (RecordingObserver observer : observers) {
            observer.tickEnded(world, report);
        }
        boolean due = checkpoints.policy().isDue(ended) || ended == settings.endTick();
        try {
            if (due) {
                stageReport(report);
                if (checkpoints.checkpoint(world)) {
                    snapshots.add(ended);
                }
                if (verifyReplay) {
                    verify(ended);
                }
            } else if (followEveryTick) {
                stageReport(report);
                checkpoints.follow(world);
            }
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        }
        tickStartNanos = System.nanoTime();
        mutationsAtTickStart = logged.mutations();
    }

    /** Copies the world for a snapshot of the last complete tick now, unless it has one; returns whether it did. */
    public boolean checkpoint() throws IOException {
        ensureRunning();
        return checkpointNow();
    }

    /** Returns once every record logged so far is in the log on disk (forced when the run fsyncs). */
    public void flush() throws IOException {
        log.flush();
    }

    /** Marks the recording interrupted (a signal): closing records {@link RunStatus#INTERRUPTED} instead of stopped. */
    public void markInterrupted() {
        interrupted = true;
    }

    /**
     * Asks for a graceful stop, from any thread (a signal handler, a supervisor): the tick in progress finishes,
     * {@link #runUntil} returns after it, and closing then flushes the log, checkpoints that last complete tick (a
     * snapshot is published whole or not at all) and records {@link RunStatus#INTERRUPTED}. A resume continues from
     * that tick exactly.
     */
    public void requestStop() {
        interrupted = true;
        stopRequested = true;
    }

    /** Whether {@link #requestStop()} was called: a loop of its own checks this between ticks. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Steps {@code systems} tick after tick until the world reaches {@code endTick} or a stop is requested, telling
     * {@code afterEachTick} the tick just ended; returns whether {@code endTick} was reached. A stop request takes effect
     * between ticks, never inside one.
     */
    public boolean runUntil(long endTick, List<SimulationSystem> systems, java.util.function.LongConsumer afterEachTick)
            throws IOException {
        while (world.tick() < endTick) {
            if (stopRequested) {
                return false;
            }
            step(systems);
            afterEachTick.accept(world.tick());
        }
        return true;
    }

    /** Marks the recording failed by something outside it: closing records {@link RunStatus#FAILED}. */
    public void markFailed(Throwable cause) {
        failure = cause;
    }

    /** A checkpoint of the last complete tick outside the tick loop (the end, a caller's request). */
    private boolean checkpointNow() throws IOException {
        TickReport none = new TickReport(world.tick(), 0, List.of(), 0, world.totalRows());
        stageReport(none);
        boolean taken = checkpoints.checkpoint(world);
        if (taken) {
            snapshots.add(world.tick());
        } else {
            staged.remove(world.tick(), none);
        }
        return taken;
    }

    /** Keeps the report of a tick for the observers of its checkpoint; a tick's first report (its real one) wins. */
    private void stageReport(TickReport report) {
        staged.putIfAbsent(report.tick(), report);
    }

    private void checkTablesUnchanged() {
        List<Table> now = world.tables();
        if (now.size() != tables.size() || !now.containsAll(tables)) {
            List<String> added = new ArrayList<>();
            for (Table t : now) {
                if (!tables.contains(t)) {
                    added.add(t.name());
                }
            }
            failure = new IllegalStateException("tables changed");
            throw new TickstoreException(Problem.UNRECORDED_WRITE, runDir + ": the world's tables changed during tick "
                    + (world.tick() + 1) + (added.isEmpty() ? "" : " (added: " + String.join(", ", added) + ")")
                    + "; a recording logs the tables the world held when it started: create every table before it starts");
        }
    }

    /** The world rebuilt from the previous verified snapshot and the log must equal the live one, table by table. */
    private void verify(long tick) throws IOException {
        log.flush();
        if (snapshots.contains(lastVerifiedSnapshot)) {
            // a snapshot this recording took; the one a resume started from was published before it began
            checkpoints.awaitDurable(lastVerifiedSnapshot);
        }
        // from the previous verified snapshot, never the newest: the snapshot of this very tick may be published by now,
        // copied from the live world, unrecorded write and all, and would compare equal to it
        try (RunHistory history = RunHistory.open(runDir);
             World replayed = history.run().openAt(history.snapshotTickFor(lastVerifiedSnapshot), allocator)) {
            io.tickstore.snapshot.replay.LogReplayer.replay(replayed, history.log(), tick);
            Optional<String> difference = WorldDiff.first(world, replayed);
            if (difference.isPresent()) {
                throw new TickstoreException(Problem.UNRECORDED_WRITE, runDir + ": at tick " + tick + " the live world and its "
                        + "replay (the snapshot of tick " + lastVerifiedSnapshot + " plus the log) differ: " + difference.get()
                        + " (live against replayed); a write bypassed the recording between ticks " + lastVerifiedSnapshot
                        + " and " + tick + " (raw memory, a bulk load, another thread)");
            }
        }
        lastVerifiedSnapshot = tick;
    }

    // ------------------------------------------------------------------ what observers use

    /** The run's directory. */
    public Path runDir() {
        return runDir;
    }

    /** The run's settings as {@code run.json} holds them. */
    public RunSettings settings() {
        return settings;
    }

    /** What the resume found, or empty for a new run. */
    public Optional<ResumeReport> resumed() {
        return resumed;
    }

    /** Keeps {@code name = value} with the run in {@code run.json} (a journal's session, so a resume continues it). */
    public synchronized void setAttribute(String name, String value) throws IOException {
        setAttributes(java.util.Map.of(name, value));
    }

    /** Keeps several attributes with the run in one rewrite of {@code run.json}: a crash leaves all of them or none. */
    public synchronized void setAttributes(java.util.Map<String, String> attributes) throws IOException {
        RunSettings changed = settings;
        for (java.util.Map.Entry<String, String> e : new java.util.TreeMap<>(attributes).entrySet()) {
            changed = changed.withAttribute(e.getKey(), e.getValue());
        }
        RunSettingsFile.write(runDir, changed, changed.fsync());
        settings = changed;
    }

    /**
     * The run's snapshots and log for reading earlier ticks (a journal filling the ticks a crash kept from it);
     * the log is flushed first. The caller closes it.
     */
    public RunHistory history() throws IOException {
        log.flush();
        return RunHistory.open(runDir);
    }

    // ------------------------------------------------------------------ statistics

    /** What the recording has done so far (or did, once closed). */
    public RecordingStats stats() {
        CheckpointStats c = checkpoints.stats();
        EventLogStats l = log.stats();
        return new RecordingStats(startTick, lastTick, logged.added, logged.removed, logged.mutations(), List.copyOf(snapshots),
                systemNanos, (closed ? closedNanos : System.nanoTime()) - startedNanos, c, l, log.appendedRecords());
    }

    /** The world's content hash now (for comparing with a replay). */
    public String worldHash() {
        return ContentHash.hex(world);
    }

    // ------------------------------------------------------------------ closing

    private void ensureRunning() {
        if (closed) {
            throw new IllegalStateException("the recording of " + runDir + " is closed");
        }
    }

    /**
     * Flushes the log, checkpoints the last complete tick (unless the recording failed), waits for every write and
     * observer, records the run's status and releases everything; idempotent. The first failure among those steps
     * is thrown after the rest have run, unless a tick ({@link #step}, {@link #endTick}) threw that same failure already.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Throwable error = null;
        try {
            if (failure == null) {
                checkpointNow();
            }
        } catch (Throwable t) {
            error = t;
        }
        error = attempt(error, log::flush);
        error = attempt(error, checkpoints::close);
        error = attempt(error, this::closeTracer);
        RunStatus status = error != null || failure != null ? RunStatus.FAILED
                : interrupted ? RunStatus.INTERRUPTED
                : settings.endTick() >= 0 && world.tick() >= settings.endTick() ? RunStatus.COMPLETED : RunStatus.STOPPED;
        for (RecordingObserver observer : observers) {
            error = attempt(error, () -> observer.ended(status));
        }
        error = attempt(error, () -> {
            settings = settings.withStatus(status);
            RunSettingsFile.write(runDir, settings, settings.fsync());
        });
        logged.detach();
        error = attempt(error, log::close);
        run.close();
        if (ownsWorld) {
            world.close();
        }
        error = attempt(error, allocator::close);
        error = attempt(error, lock::close);
        closedNanos = System.nanoTime();
        // a failure a tick already threw to the caller (the checkpointer keeps a journal's and throws it again here) is
        // not thrown twice: in a try-with-resources it would be added to itself as suppressed, which is an error of its own
        if (error != null && error != failure) {
            if (error instanceof IOException) {
                throw (IOException) error;
            }
            if (error instanceof RuntimeException) {
                throw (RuntimeException) error;
            }
            if (error instanceof Error) {
                throw (Error) error;
            }
            throw new IOException(runDir + ": closing the recording failed: " + error.getMessage(), error);
        }
    }

    /** Releases everything of a recording that could not start; what it created on disk is the caller's to remove. */
    private void abandon() {
        closed = true;
        logged.detach();
        try {
            closeTracer();
        } catch (RuntimeException e) {
            // nothing was traced before the start failed
        }
        closeQuietly(checkpoints);
        closeQuietly(log);
        closeQuietly(run);
        if (ownsWorld) {
            world.close();
        }
        closeQuietly(allocator);
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static Throwable attempt(Throwable earlier, Step step) {
        try {
            step.run();
            return earlier;
        } catch (Throwable t) {
            if (earlier != null) {
                if (t != earlier) {
                    // a step may rethrow the failure an earlier one threw (the checkpointer keeps a journal's)
                    earlier.addSuppressed(t);
                }
                return earlier;
            }
            return t;
        }
    }

    // ------------------------------------------------------------------ helpers

    static WriteOptions writeOptions(RunSettings settings) {
        return WriteOptions.defaults().withDurability(settings.fsync() ? Durability.FSYNC : Durability.PAGE_CACHE);
    }

    static EventLogOptions logOptions(RunSettings settings, long segmentBytes) {
        return EventLogOptions.defaults().withBufferRecords(settings.logBufferRecords()).withBackPressure(settings.backPressure())
                .withDurability(settings.fsync() ? Durability.FSYNC : Durability.PAGE_CACHE).withSegmentBytes(segmentBytes);
    }

    private static long logBytes(RunSettings settings) {
        return 2L * settings.logBufferRecords() * EventRecord.BYTES;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception | Error e) {
            LOG.log(System.Logger.Level.DEBUG, "closing after a failure: {0}", e.getMessage());
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: could not be removed after a failed start: {1}", dir, e.getMessage());
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty, or not ours to remove: leave it
        }
    }

    /** The checkpointer's thread hands each staged copy to the observers with the report of its tick. */
    private final class Follower implements CheckpointListener {
        @Override
        public void published(World copy) throws Exception {
            deliver(copy, true);
        }

        @Override
        public void followed(World copy) throws Exception {
            deliver(copy, false);
        }

        private void deliver(World copy, boolean snapshot) throws Exception {
            TickReport report = staged.remove(copy.tick());
            if (report == null) {
                report = new TickReport(copy.tick(), 0, List.of(), 0, copy.totalRows());
            }
            for (RecordingObserver observer : observers) {
                observer.checkpointed(copy, report, snapshot);
            }
        }
    }

    /** Hands one flushed tick of traces to every observer (on the trace writer's thread). */
    private void traced(TraceBatch batch) throws Exception {
        for (RecordingObserver observer : observers) {
            observer.traced(batch);
        }
    }

    /** Writes every flushed tick of traces and frees the trace buffers. */
    private void closeTracer() {
        if (tracer instanceof TraceRecorder) {
            ((TraceRecorder) tracer).close();
        }
    }

    /**
     * The collector the tick's systems trace into ({@link TickContext#trace()}): a {@code TraceRecorder} at the
     * level {@link RecordingBuilder#tracing} asked for, or {@link TraceCollector#NONE}.
     */
    public TraceCollector tracer() {
        return tracer;
    }

    /** The tick context systems see: the world, the tick being computed, the run's generator. */
    private final class Ticking implements TickContext {
        @Override
        public World world() {
            return world;
        }

        @Override
        public long tick() {
            return world.tick() + 1;
        }

        @Override
        public SimRandom random() {
            return Recording.this.random();
        }

        @Override
        public TraceCollector trace() {
            return tracer;
        }
    }
}
