package io.tickstore.backends;

import io.tickstore.columns.World;
import io.tickstore.columns.trace.TraceBatch;
import io.tickstore.recording.RecordingObserver;
import io.tickstore.recording.RecordingStart;
import io.tickstore.recording.RunStatus;
import io.tickstore.recording.TickReport;
import io.tickstore.snapshot.replay.RunHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Journals a recording into a {@link RuntimePersistence} backend: the persistence observer. It persists every
 * checkpointed tick (or every tick, {@link #everyTick()}) on the checkpoint writer's thread from the staged copy,
 * logs every tick's wall time and system timings, and keeps the session's status. When the backend also
 * implements {@link PostgresExtensions}, it has the database summarise each persisted tick.
 *
 * <pre>
 * try (Recording rec = Recording.at(runDir).observer(Journal.open("sqlite:runs/demo.sqlite")).create(allocator, init)) {
 *     ...
 * }
 * </pre>
 *
 * <h2>One session per run, with no gap</h2>
 * The session id is kept with the run ({@code run.json}, attribute {@value #SESSION_ATTRIBUTE}). A resumed run
 * journals into the same session, and before its first tick fills every checkpointed tick the session lacks
 * (ticks the crashed run checkpointed while the database was unreachable, or never persisted because it was
 * killed): each is rebuilt from the run's snapshots and log and persisted, so the journal holds every checkpointed
 * tick from 0 to the end. Ticks already stored are not written twice: a persist of the same content is a no-op. A
 * resume journaling into a backend the run has no session in starts a new one and fills it the same way.
 *
 * <h2>Births and deaths</h2>
 * Every row added or removed becomes a tick event ({@value #BIRTH} or {@value #DEATH}, the entity id, and the payload
 * {@code {"table": "creatures", "tick": 57}}: the tick it happened in). A journaled tick T holds those of the ticks
 * after the last checkpoint tick before it (a multiple of the run's checkpoint interval K) up to T: the multiples of K
 * hold K ticks' worth each, and a tick journaled off that grid (the run's last tick, the tick a stop checkpointed)
 * those since the last multiple, which the next multiple, if the run goes on, holds again. With {@link #everyTick()}
 * each tick holds its own. Which ticks a tick holds depends on nothing but T and K, so a tick journaled again after an
 * interruption holds the same events, and a resume's filled-in ticks take theirs from the run's event log, where a
 * running recording hands them over in its tick reports ({@link #followsBirthsAndDeaths()}).
 *
 * <h2>Threads and failures</h2>
 * The simulation thread only queues tick reports; all database work happens on the checkpoint writer's thread (and
 * in {@link #started} for the backfill of a resume). A database slower than the checkpoint policy shows as
 * checkpoint stall, never as a skipped tick. A failed persist fails the recording at its next checkpoint.
 */
public final class Journal implements TickJournal {
    /** The run attribute that keeps the session id. */
    public static final String SESSION_ATTRIBUTE = "journal.session";
    /** The run attribute that keeps where the journal is ({@link RuntimePersistence#describe()}: no credentials). */
    public static final String BACKEND_ATTRIBUTE = "journal.backend";
    /**
     * The run attribute that keeps the spec the journal was opened with, password removed ({@link BackendSpec}), so a
     * resume can open it again (the password then comes from PGPASSWORD or ~/.pgpass).
     */
    public static final String SPEC_ATTRIBUTE = "journal.spec";
    /** Metadata keys the journal writes. */
    public static final String START_TICK = "start_tick";
    public static final String END_TICK = "end_tick";
    public static final String STATUS = "status";
    /** How the run was interrupted before its latest resume: {@code crashed at tick 57}, {@code stopped at tick 100}. */
    public static final String LAST_INTERRUPTION = "last_interruption";
    /** The kind of the tick event a row added during a tick becomes. */
    public static final String BIRTH = "birth";
    /** The kind of the tick event a row removed during a tick becomes. */
    public static final String DEATH = "death";

    private final RuntimePersistence backend;
    private final boolean ownsBackend;
    private final String spec;
    private boolean everyTick;
    private final ConcurrentLinkedQueue<TickReport> reports = new ConcurrentLinkedQueue<>();
    private volatile UUID sessionId;
    private volatile boolean sessionRegistered;
    private volatile long lastPersisted = -1;
    private volatile long ticksPersisted;
    private volatile long ticksBackfilled;
    private volatile long nanos;
    private volatile boolean failed;
    private List<String> metadata = List.of();
    /** Births and deaths by the tick they happened in, until the journaled tick that holds them is persisted. */
    private final java.util.TreeMap<Long, List<TickEvent>> rowEvents = new java.util.TreeMap<>();
    /** The run's checkpoint interval: a journaled tick holds the births and deaths since the multiple of it before. */
    private long checkpointEvery = 1;
    // marks the session as written by this process (listings say running, deletion refuses it) until the run ends
    private AutoCloseable lease;
    private final Object registration = new Object();
    private volatile boolean ended;
    private volatile long traceEvents;
    /** How each table is kept; null: every table whole at every persisted tick. */
    private TierPlan tiers;
    /** Whether the rows touched since the last persisted tick are known: not before this process persisted one. */
    private boolean touchedKnown;

    private Journal(RuntimePersistence backend, boolean ownsBackend, String spec) {
        this.backend = backend;
        this.ownsBackend = ownsBackend;
        this.spec = spec;
    }

    /** Journals into {@code backend}, which stays the caller's to close. */
    public static Journal to(RuntimePersistence backend) {
        return new Journal(java.util.Objects.requireNonNull(backend, "backend"), false, null);
    }

    /** Opens the backend {@code spec} names ({@link Backends#open}) and closes it when the recording ends. */
    public static Journal open(String spec) {
        BackendSpec parsed = BackendSpec.parse(spec);
        return new Journal(Backends.open(parsed, io.tickstore.backends.postgres.PostgresOptions.defaults()), true, parsed.toString());
    }

    /** Persists every tick, not only checkpointed ones: a memory copy a tick, and a persist a tick in the background. */
    public Journal everyTick() {
        this.everyTick = true;
        return this;
    }

    /**
     * Keeps the tables in these tiers (a simulation's {@code journalTiers()}): a {@link io.tickstore.columns.sim.JournalTier#SPARSE}
     * table's persisted tick holds only the rows touched since the tick persisted before (the whole table at the
     * session's first tick, the first after a resume, and a tick after rows of it were removed), a
     * {@link io.tickstore.columns.sim.JournalTier#ONCE} table is written with the first tick only and any later change
     * fails the tick ({@link io.tickstore.columns.TickstoreException.Problem#TIER_MISFIT}). Hydrate rebuilds every tick
     * whole and checks it against the world hash. PostgreSQL keeps tiers; a SQLite journal refuses them when the run
     * starts, and nobody keeps {@code CURRENT} here (the hex journal's cache does).
     */
    public Journal tiers(java.util.Map<String, io.tickstore.columns.sim.JournalTier> declared) {
        TierPlan plan = TierPlan.of(declared);
        boolean partial = plan.declared().values().stream().anyMatch(t -> t != io.tickstore.columns.sim.JournalTier.FULL);
        this.tiers = partial ? plan : null;
        return this;
    }

    @Override
    public boolean followsEveryTick() {
        return everyTick;
    }

    @Override
    public boolean followsTouchedRows() {
        return tiers != null;
    }

    @Override
    public boolean followsBirthsAndDeaths() {
        return true;
    }

    /** The backend, for messages: {@link RuntimePersistence#describe()}, which holds no credentials. */
    public String backend() {
        return backend.describe();
    }

    /** The spec to reach the journal again ({@code --from} of hydrate), without a password. */
    @Override
    public String target() {
        return spec != null ? spec : backend.describe();
    }

    @Override
    public UUID sessionId() {
        return sessionId;
    }

    /** Ticks persisted by this recording (backfilled ones included). */
    @Override
    public long ticksPersisted() {
        return ticksPersisted;
    }

    /** Ticks a resume filled in before recording on. */
    @Override
    public long ticksBackfilled() {
        return ticksBackfilled;
    }

    /** Time spent persisting, in nanoseconds. */
    @Override
    public long persistNanos() {
        return nanos;
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void started(RecordingStart start) throws Exception {
        if (tiers != null) {
            if (!(backend instanceof PostgresExtensions)) {
                throw new PersistenceException(io.tickstore.columns.TickstoreException.Problem.TIER_MISFIT, backend.describe()
                        + ": tables are declared " + tiers.declared() + ", but this backend keeps every table whole at every tick;"
                        + " journal into PostgreSQL to keep tiers, or open the journal without them");
            }
            List<String> names = new ArrayList<>();
            start.world().tables().forEach(t -> names.add(t.name()));
            tiers.requireKeptBy(backend.describe(), names, List.of(io.tickstore.columns.sim.JournalTier.FULL,
                    io.tickstore.columns.sim.JournalTier.SPARSE, io.tickstore.columns.sim.JournalTier.ONCE));
        }
        Optional<UUID> kept = start.settings().attribute(SESSION_ATTRIBUTE)
                .filter(id -> start.settings().attribute(BACKEND_ATTRIBUTE).orElse("").equals(backend.describe()))
                .map(UUID::fromString);
        sessionId = kept.orElseGet(UUID::randomUUID);
        checkpointEvery = Math.max(1, start.settings().checkpointEvery());
        List<String> meta = new ArrayList<>();
        meta.add("run");
        meta.add(start.runDir().toAbsolutePath().normalize().getFileName().toString());
        if (!start.settings().simulation().isEmpty()) {
            meta.add("simulation");
            meta.add(start.settings().simulation());
        }
        meta.add("seed");
        meta.add(Long.toString(start.settings().seed()));
        meta.add("entities");
        meta.add(Long.toString(start.settings().entities()));
        if (kept.isEmpty()) {
            meta.add(START_TICK);
            meta.add(Long.toString(start.isResume() ? 0 : start.world().tick()));
        }
        metadata = meta;
        java.util.Map<String, String> attributes = new java.util.TreeMap<>();
        attributes.put(SESSION_ATTRIBUTE, sessionId.toString());
        attributes.put(BACKEND_ATTRIBUTE, backend.describe());
        if (spec != null) {
            attributes.put(SPEC_ATTRIBUTE, spec);
        }
        start.run().setAttributes(attributes);
        if (backend instanceof SessionStore) {
            lease = ((SessionStore) backend).holdSession(sessionId);
        }
        if (start.isResume()) {
            // registering a resumed session again (same schemas) only checks it; a resume of a run this backend has not
            // journaled before registers a new session and fills it from tick 0, so the journal is whole either way
            register(start.world());
            start.resumed().ifPresent(r -> backend.setMetadata(sessionId, LAST_INTERRUPTION,
                    r.previousStatus().label() + " at tick " + r.tick()));
            backfill(start);
        }
    }

    /** Registers the session with the world's tables and metadata; idempotent. Done with the first persist, so a
     * run that dies before any tick is durable leaves no empty session behind. */
    private void register(World world) {
        if (sessionRegistered) {
            return;
        }
        backend.createSession(sessionId, world);
        for (int i = 0; i + 1 < metadata.size(); i += 2) {
            backend.setMetadata(sessionId, metadata.get(i), metadata.get(i + 1));
        }
        backend.setMetadata(sessionId, STATUS, RunStatus.RUNNING.label());
        synchronized (registration) {
            sessionRegistered = true;
            registration.notifyAll();
        }
    }

    /**
     * Stores one flushed tick of traces in the backend's trace table (on the trace writer's thread). The session is
     * registered with the first persisted tick, tick 0, which the checkpoint writer journals right after the start;
     * a trace of tick 1 that is ready first waits for it.
     */
    @Override
    public void traced(TraceBatch batch) throws InterruptedException {
        if (!(backend instanceof SessionStore)) {
            return;
        }
        synchronized (registration) {
            while (!sessionRegistered && !failed && !ended) {
                registration.wait(100);
            }
        }
        if (!sessionRegistered) {
            return;
        }
        ((SessionStore) backend).persistTraces(sessionId, batch);
        traceEvents += batch.count();
    }

    /** Trace events stored by this recording. */
    public long traceEvents() {
        return traceEvents;
    }

    /**
     * Persists every checkpointed tick up to the resume point that the session lacks, rebuilt from the run, each with the
     * births and deaths the log holds for it; those the next journaled tick will hold are read from the log too.
     */
    private void backfill(RecordingStart start) throws Exception {
        long resumeTick = start.world().tick();
        long every = start.settings().checkpointEvery();
        TreeSet<Long> stored = new TreeSet<>(backend.ticks(sessionId));
        try (RunHistory history = start.run().history()) {
            TreeSet<Long> snapshots = new TreeSet<>(history.snapshotTicks());
            TreeSet<Long> wanted = new TreeSet<>();
            for (long tick : snapshots) {
                if (tick <= resumeTick) {
                    wanted.add(tick);
                }
            }
            // the resume tick itself only when its snapshot exists: otherwise the recording checkpoints it next, and this
            // journal persists it then
            for (long tick = 0; tick < resumeTick; tick += every) {
                wanted.add(tick);
            }
            wanted.removeAll(stored);
            for (long tick : wanted) {
                try (World world = history.reconstructAt(tick, start.world().allocator())) {
                    List<TickEvent> held = flatten(RowEvents.fromLog(history, heldFrom(tick), tick));
                    persist(world, null, held.isEmpty() ? PersistOptions.DEFAULT : PersistOptions.DEFAULT.withEvents(held));
                    ticksBackfilled++;
                }
            }
            // the next tick journaled in this process (the resume tick, or a later one) may hold ticks up to the resume tick
            rowEvents.putAll(RowEvents.fromLog(history, heldFrom(resumeTick), resumeTick));
        }
    }

    /** The first tick whose births and deaths journaled tick {@code tick} holds (see the class comment). */
    private long heldFrom(long tick) {
        if (everyTick || tick <= 0) {
            return tick;
        }
        return (tick - 1) / checkpointEvery * checkpointEvery + 1;
    }

    private static List<TickEvent> flatten(java.util.SortedMap<Long, List<TickEvent>> byTick) {
        List<TickEvent> events = new ArrayList<>();
        byTick.values().forEach(events::addAll);
        return events;
    }

    @Override
    public void tickEnded(TickReport tick) {
        if (tiers != null) {
            tiers.check(tick);
        }
        reports.add(tick);
    }

    @Override
    public void checkpointed(World staged, TickReport tick, boolean snapshot) {
        try {
            register(staged);
            List<TickReport> since = takeReports(staged.tick());
            for (TickReport report : since) {
                List<TickEvent> events = RowEvents.of(report);
                if (!events.isEmpty()) {
                    rowEvents.put(report.tick(), events);
                }
            }
            List<TickEvent> events = flatten(rowEvents.subMap(heldFrom(staged.tick()), true, staged.tick(), true));
            // what this tick did not hold belongs to an earlier multiple of the interval, journaled already or filled in
            // from the log by a resume
            rowEvents.headMap(staged.tick(), true).clear();
            PersistOptions options = events.isEmpty() ? PersistOptions.DEFAULT : PersistOptions.DEFAULT.withEvents(events);
            if (tiers != null && touchedKnown) {
                options = options.withOnlySlots(tieredSlots(staged, since));
            }
            persist(staged, tick, options);
            touchedKnown = true;
            logBetween(since, staged.tick());
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /**
     * The slots of each sparse or once-per-session table that the persisted tick holds: the rows the ticks since the
     * last persisted one touched; a table they removed rows from is written whole (its slots moved), so it is left out.
     */
    private java.util.Map<String, long[]> tieredSlots(World staged, List<TickReport> since) {
        java.util.Map<String, long[]> slots = new java.util.TreeMap<>();
        for (io.tickstore.columns.Table table : staged.tables()) {
            io.tickstore.columns.sim.JournalTier tier = tiers.tier(table.name());
            if (tier == io.tickstore.columns.sim.JournalTier.FULL) {
                continue;
            }
            io.tickstore.recording.TouchedRows touched = io.tickstore.recording.TouchedRows.none(table.name());
            boolean removed = false;
            for (TickReport report : since) {
                touched = touched.union(report.touched(table.name()).orElse(io.tickstore.recording.TouchedRows.none(table.name())));
                removed |= report.deaths().stream().anyMatch(d -> d.table().equals(table.name()));
            }
            long[] rows = new long[touched.count()];
            for (int i = 0; i < rows.length && !removed; i++) {
                rows[i] = table.slotOf(touched.entityId(i));
                removed = rows[i] < 0;
            }
            if (!removed) {
                java.util.Arrays.sort(rows);
                slots.put(table.name(), rows);
            }
        }
        return slots;
    }

    private void persist(World world, TickReport report, PersistOptions options) {
        long started = System.nanoTime();
        backend.persistTick(sessionId, world, options);
        TickLog.Builder log = TickLog.builder(world.tick()).rngState(world.rngState());
        if (report != null && report.wallNanos() > 0) {
            log.wallTimeMs(report.wallMillis());
            report.systems().forEach(s -> log.systemTiming(s.name(), s.millis()));
        }
        backend.logTick(sessionId, log.build());
        if (backend instanceof PostgresExtensions) {
            ((PostgresExtensions) backend).summarizeTick(sessionId, world.tick());
        }
        lastPersisted = Math.max(lastPersisted, world.tick());
        ticksPersisted++;
        nanos += System.nanoTime() - started;
    }

    /** The reports of the ticks up to {@code throughTick} that ended since the last persist, in tick order. */
    private List<TickReport> takeReports(long throughTick) {
        List<TickReport> taken = new ArrayList<>();
        TickReport report;
        while ((report = reports.peek()) != null && report.tick() <= throughTick) {
            taken.add(reports.poll());
        }
        return taken;
    }

    /** Logs the wall time and system timings of the ticks between checkpoints (their state is not persisted). */
    private void logBetween(List<TickReport> since, long persistedTick) {
        for (TickReport report : since) {
            if (report.tick() == persistedTick || report.wallNanos() <= 0) {
                continue; // the persisted tick was logged with its state
            }
            TickLog.Builder log = TickLog.builder(report.tick()).wallTimeMs(report.wallMillis());
            report.systems().forEach(s -> log.systemTiming(s.name(), s.millis()));
            backend.logTick(sessionId, log.build());
        }
    }

    @Override
    public void ended(RunStatus status) throws Exception {
        ended = true;
        try {
            if (sessionRegistered) {
                if (lastPersisted >= 0) {
                    backend.setMetadata(sessionId, END_TICK, Long.toString(lastPersisted));
                }
                backend.setMetadata(sessionId, STATUS, failed ? RunStatus.FAILED.label() : status.label());
            }
        } finally {
            try {
                if (lease != null) {
                    lease.close();
                }
            } finally {
                if (ownsBackend) {
                    backend.close();
                }
            }
        }
    }
}
