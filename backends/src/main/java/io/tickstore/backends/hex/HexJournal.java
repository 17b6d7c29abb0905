package io.tickstore.backends.hex;

import com.zaxxer.hikari.HikariDataSource;
import io.tickstore.backends.BackendSpec;
import io.tickstore.backends.Journal;
import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.TickJournal;
import io.tickstore.backends.TierPlan;
import io.tickstore.backends.internal.journal.FailureText;
import io.tickstore.backends.postgres.PostgresOptions;
import io.tickstore.backends.postgres.PostgresRuntime;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.recording.RecordingStart;
import io.tickstore.recording.RunStatus;
import io.tickstore.recording.TickReport;
import io.tickstore.recording.TouchedRows;
import io.tickstore.snapshot.internal.fault.FaultPoint;
import io.tickstore.snapshot.internal.fault.Faults;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;

/**
 * Journals a geographic world ({@link HexJournalWriter#TABLES}) into the hex journal on PostgreSQL, in its tiers: the
 * map and the substrate once, with the session's first tick; territory whole at every persisted tick; hex activity
 * sparse, the rows touched since the tick persisted before (the recording tracks them,
 * {@link #followsTouchedRows()}); and hex_latest seeded at the first tick and refreshed at every other
 * ({@link HexCache}). All of a tick in one transaction: a connection lost mid-tick leaves nothing of it, and the tick is
 * tried once more on a fresh connection; a tick the session holds already is not written again.
 *
 * <pre>
 * try (Recording rec = Recording.at(runDir).observer(HexJournal.open("postgres:jdbc:postgresql://host/db")).create(...)) {
 *     ...
 * }
 * </pre>
 *
 * The tables live in the schema of the options ({@code tickstore} by default), beside the generic journal's, with
 * PostGIS's types found on the search path after it. The session id is kept with the run
 * ({@value Journal#SESSION_ATTRIBUTE}), so a resume continues the same session; its first persisted tick then holds
 * every hex's activity, since the ticks between the crash and the resume were never journaled.
 *
 * <p>A table kept once per session that a tick changes fails that tick ({@code TIER_MISFIT}, naming the table, the
 * tick and the row) on the simulation's thread, before anything of it is journaled.
 */
public final class HexJournal implements TickJournal {
    private final DataSource source;
    private final HikariDataSource ownedPool;
    private final String schema;
    private final String description;
    /** The spec without its password, kept with the run so a resume reaches the journal again; null when given a source. */
    private final String spec;
    private final TierPlan plan = HexJournalWriter.plan();
    private final ConcurrentLinkedQueue<TickReport> reports = new ConcurrentLinkedQueue<>();
    private boolean everyTick;
    private volatile UUID sessionId;
    /** Whether the touched rows of every tick since the last persisted one are known: false until this process persisted a tick. */
    private boolean touchedKnown;
    private volatile long ticksPersisted;
    private volatile long ticksSkipped;
    private volatile long nanos;
    private volatile long journalNanos;
    private volatile long cacheNanos;

    private HexJournal(DataSource source, HikariDataSource ownedPool, String schema, String description, String spec) {
        this.source = source;
        this.ownedPool = ownedPool;
        this.schema = schema;
        this.description = description;
        this.spec = spec;
    }

    /** Opens a pool to the PostgreSQL database of {@code spec} ({@code postgres:jdbc:postgresql://...}); closed when the run ends. */
    public static HexJournal open(String spec) {
        return open(spec, PostgresOptions.defaults());
    }

    /** Like {@link #open(String)}, in the options' schema with their password lookup. */
    public static HexJournal open(String spec, PostgresOptions options) {
        BackendSpec parsed = BackendSpec.parse(spec);
        if (parsed.kind() != BackendSpec.Kind.POSTGRES) {
            throw new PersistenceException(Problem.INVALID_INPUT, parsed + ": the hex journal is kept on PostgreSQL only; on SQLite "
                    + "a geographic world is journaled whole by the generic journal (Journal.open)");
        }
        HikariDataSource pool = PostgresRuntime.pool(parsed.postgresUrl(), options.withPoolSize(2));
        return new HexJournal(pool, pool, options.schema(), parsed + " schema " + options.schema(), parsed.toString());
    }

    /** Journals through connections of {@code source} into {@code schema}; the source stays the caller's. */
    public static HexJournal to(DataSource source, String schema) {
        return new HexJournal(source, null, schema, "hex journal in schema " + schema, null);
    }

    /** Persists every tick, not only checkpointed ones. */
    public HexJournal everyTick() {
        this.everyTick = true;
        return this;
    }

    @Override
    public boolean followsEveryTick() {
        return everyTick;
    }

    @Override
    public boolean followsTouchedRows() {
        return true;
    }

    /** A row removed from a table kept once per session is a misfit too, and only the reported deaths show it. */
    @Override
    public boolean followsBirthsAndDeaths() {
        return true;
    }

    @Override
    public UUID sessionId() {
        return sessionId;
    }

    @Override
    public String target() {
        return spec != null ? spec : description;
    }

    /** Ticks this journal wrote. */
    @Override
    public long ticksPersisted() {
        return ticksPersisted;
    }

    /** Ticks it was handed that the session held already (a resume's), left as they were. */
    public long ticksSkipped() {
        return ticksSkipped;
    }

    /** Time spent persisting, in nanoseconds. */
    @Override
    public long persistNanos() {
        return nanos;
    }

    /** Of {@link #persistNanos()}: writing the journal's rows by binary COPY (the static tiers, territory, activity). */
    public long journalNanos() {
        return journalNanos;
    }

    /** Of {@link #persistNanos()}: seeding and refreshing hex_latest. */
    public long cacheNanos() {
        return cacheNanos;
    }

    public String describe() {
        return description;
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void started(RecordingStart start) throws Exception {
        HexJournalWriter.requireGeoWorld(start.world());
        sessionId = start.settings().attribute(Journal.SESSION_ATTRIBUTE)
                .filter(id -> start.settings().attribute(Journal.BACKEND_ATTRIBUTE).orElse("").equals(description))
                .map(UUID::fromString).orElseGet(UUID::randomUUID);
        java.util.Map<String, String> attributes = new java.util.TreeMap<>();
        attributes.put(Journal.SESSION_ATTRIBUTE, sessionId.toString());
        attributes.put(Journal.BACKEND_ATTRIBUTE, description);
        if (spec != null) {
            attributes.put(Journal.SPEC_ATTRIBUTE, spec);
        }
        start.run().setAttributes(attributes);
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    // concurrent CREATE SCHEMA IF NOT EXISTS can still collide in the catalogue: one at a time
                    st.execute("SELECT pg_advisory_xact_lock(hashtext('tickstore hex journal schema " + schema + "'))");
                    st.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
                }
                enterSchema(c);
                HexSchema.install(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new PersistenceException(Problem.DATABASE, description + ": installing the hex journal failed: " + FailureText.of(e), e);
        }
    }

    /** Checks the tick against the tiers (a table kept once must not change) and keeps its touched rows. */
    @Override
    public void tickEnded(TickReport tick) {
        plan.check(tick);
        reports.add(tick);
    }

    @Override
    public void checkpointed(World staged, TickReport tick, boolean snapshot) {
        long started = System.nanoTime();
        long at = staged.tick();
        TouchedRows touched = TouchedRows.none("hex_activity");
        TickReport report;
        while ((report = reports.peek()) != null && report.tick() <= at) {
            reports.poll();
            touched = touched.union(report.touched("hex_activity").orElse(TouchedRows.none("hex_activity")));
        }
        Optional<TouchedRows> known = touchedKnown ? Optional.of(touched) : Optional.empty();
        PersistenceException failure = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                persist(staged, known);
                failure = null;
                break;
            } catch (PersistenceException e) {
                // a lost connection: the tick's transaction left nothing, so it is tried once more on a fresh one
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                failure = e;
                if (e.problem() != Problem.DATABASE) {
                    break;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        touchedKnown = true;
        nanos += System.nanoTime() - started;
    }

    /**
     * One tick in one transaction: the static tiers when the session has none yet, territory, the activity rows, the
     * cache; nothing when the session holds the tick already.
     */
    private void persist(World world, Optional<TouchedRows> touched) {
        long tick = world.tick();
        UUID session = sessionId;
        String what = description + ": journaling tick " + tick + " of session " + session;
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(false);
            try {
                enterSchema(c);
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                    lock.setString(1, "tickstore hex journal " + session);
                    lock.execute();
                }
                if (exists(c, "SELECT 1 FROM territory_snapshot WHERE game_id = ? AND tick = ? LIMIT 1", session, tick)) {
                    c.rollback();
                    ticksSkipped++;
                    return;
                }
                boolean first = !exists(c, "SELECT 1 FROM hex_map WHERE game_id = ? LIMIT 1", session, -1);
                long writing = System.nanoTime();
                if (first) {
                    HexJournalWriter.writeSession(c, session, world);
                }
                TouchedRows rows = touched.orElseGet(() -> first ? HexJournalWriter.activeHexes(world) : HexJournalWriter.allHexes(world));
                HexJournalWriter.writeTick(c, session, world, rows);
                long caching = System.nanoTime();
                if (first) {
                    HexCache.seed(c, session);
                } else {
                    HexCache.refresh(c, session, (int) tick);
                }
                long done = System.nanoTime();
                try {
                    Faults.at(FaultPoint.JOURNAL_COMMIT, java.nio.file.Path.of(description));
                } catch (java.io.IOException injected) {
                    throw new SQLException(injected.getMessage(), "58030", injected);
                }
                c.commit();
                ticksPersisted++;
                journalNanos += caching - writing;
                cacheNanos += done - caching;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new PersistenceException(Problem.DATABASE, what + " failed: " + FailureText.of(e), e);
        }
    }

    private boolean exists(Connection c, String sql, UUID session, long tick) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, session);
            if (tick >= 0) {
                q.setInt(2, (int) tick);
            }
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The journal's schema first on the search path, PostGIS's (public) after it, for this transaction only. */
    private void enterSchema(Connection c) throws SQLException {
        try (PreparedStatement set = c.prepareStatement("SELECT set_config('search_path', ?, true)")) {
            set.setString(1, "\"" + schema + "\", public");
            set.execute();
        }
    }

    @Override
    public void ended(RunStatus status) {
        if (ownedPool != null) {
            ownedPool.close();
        }
    }
}
