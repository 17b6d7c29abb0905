package io.tickstore.backends.internal.journal;

import io.tickstore.backends.PersistOptions;
import io.tickstore.backends.PersistOutcome;
import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.RuntimePersistence;
import io.tickstore.backends.SessionDataset;
import io.tickstore.backends.SessionInfo;
import io.tickstore.backends.SessionStore;
import io.tickstore.backends.TickEvent;
import io.tickstore.backends.TickLog;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.internal.fault.FaultPoint;
import io.tickstore.snapshot.internal.fault.Faults;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.trace.TraceBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The part of {@link RuntimePersistence} that the SQLite and PostgreSQL runtimes do the same way over JDBC, so that
 * both keep the contract's semantics with one piece of code: registering sessions and caching their layouts, the
 * frame of every operation (checks, then one transaction), the registry reads and writes (ticks, tick logs, events,
 * metadata) and hydrate's frame (find the tick, check its tables, fill each one, verify the world hash).
 *
 * <p>A subclass supplies what differs: how a transaction gets its connection ({@link #inTransaction}), how a session
 * id is bound ({@link #bindSession}), how journal tables are created ({@link #ensureJournals}), how a tick's rows
 * are written ({@link #writeTick}) and read back ({@link #readRows}), and the registry statements
 * ({@link Statements}) in its dialect.
 *
 * <h2>Threads</h2>
 * The layout cache is a concurrent map and the closed flag is volatile; everything else a call touches is its own
 * or is reached through {@link #inTransaction}, whose implementation makes the connection safe to use (a pool
 * hands each call its own; a single connection is used under a lock).
 */
public abstract class JdbcRuntime implements RuntimePersistence, SessionStore {
    /**
     * The registry statements every backend runs, in its own dialect. Parameters come in the order given; a session
     * id is always the first and is bound with {@link #bindSession}.
     *
     * @param insertSession       (session); inserts the session row, doing nothing when it exists
     * @param insertSessionTable  (session, table name, journal table, schema JSON)
     * @param selectSessionTables (session) → table name, schema JSON
     * @param selectTick          (session, tick) → tick, world hash, generator state
     * @param selectLatestTick    (session) → tick, world hash, generator state of the highest stored tick
     * @param selectTickTables    (session, tick) → table name, row count, next entity id
     * @param selectEvents        (session, tick) → kind, entity id (nullable), payload text, in sequence order
     * @param upsertTickLog       (session, tick, generator state, mutations, invariant checks, wall time, system timings)
     * @param selectTickLog       (session, tick) → generator state, mutations, invariant checks, wall time, system timings
     * @param upsertMetadata      (session, key, value)
     * @param selectMetadata      (session, key) → value
     * @param selectTicks         (session) → every stored tick, ascending
     */
    public record Statements(String insertSession, String insertSessionTable, String selectSessionTables, String selectTick,
                             String selectLatestTick, String selectTickTables, String selectEvents, String upsertTickLog,
                             String selectTickLog, String upsertMetadata, String selectMetadata, String selectTicks) {
    }

    /**
     * The backend and where its data lives, without credentials (built from a {@code BackendSpec}); every message
     * starts with it.
     */
    protected final String description;
    private final JournalNames.Rules rules;
    private final Statements sql;
    private final boolean readOnly;
    private final Map<UUID, SessionLayout> layouts = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** {@code readOnly}: opened on an existing journal to read it; every call that would write is refused. */
    protected JdbcRuntime(String description, JournalNames.Rules rules, Statements sql, boolean readOnly) {
        this.description = description;
        this.rules = rules;
        this.sql = sql;
        this.readOnly = readOnly;
    }

    @Override
    public final String describe() {
        return description;
    }

    // ------------------------------------------------------------------ what a subclass supplies

    /** Work done inside one transaction on the connection it is given. */
    @FunctionalInterface
    protected interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction, through {@link #transact}, on a connection this call may use alone; throws
     * {@link IllegalStateException} once closed.
     */
    protected abstract <T> T inTransaction(String what, SqlWork<T> work);

    /** Binds a session id the way the database stores it. */
    protected abstract void bindSession(PreparedStatement statement, int index, UUID session) throws SQLException;

    /**
     * Creates the journal tables of these schemas where they are missing and checks the ones that exist (see
     * {@link #checkJournalColumns}); runs inside the transaction that registers a session.
     */
    protected abstract void ensureJournals(Connection c, Collection<Schema> schemas) throws SQLException;

    /**
     * Writes a tick whose world matches the session: decides between stored, unchanged, conflict and overwrite (see
     * {@link #storedTickOutcome}), then writes the tick row ({@link #insertTick}), the rows, the {@code tick_table}
     * rows ({@link #addTickTableRow}) and the events. Runs inside the tick's transaction.
     */
    protected abstract PersistOutcome writeTick(Connection c, SessionLayout layout, World world, TickDigest digest, PersistOptions options)
            throws SQLException;

    /** Reads one table's rows of a stored tick into {@code filler}; the caller then calls {@link SlotFiller#finish()}. */
    protected abstract void readRows(Connection c, UUID session, long tick, Schema schema, SlotFiller filler, String where) throws SQLException;

    /** Called first in hydrate's transaction, before anything is read. */
    protected void startHydrate(Connection c) throws SQLException {
    }

    /** Called after a failed transaction was rolled back, with its connection. */
    protected void afterRollback(Connection c) {
    }

    /** The exception a failed transaction's {@code SQLException} becomes. */
    protected PersistenceException translate(String what, SQLException e) {
        return new PersistenceException(Problem.DATABASE, description + ": " + what + " failed: " + FailureText.of(e), e);
    }

    // ------------------------------------------------------------------ sessions

    @Override
    public final void createSession(UUID sessionId, Collection<Schema> tables) {
        ensureWritable("creating session " + sessionId);
        SessionLayout wanted = SessionLayout.of(sessionId, tables, rules);
        List<String> schemaJson = new ArrayList<>();
        for (Schema schema : wanted.schemas().values()) {
            schemaJson.add(SchemaJson.encode(schema));
        }
        inTransaction("creating session " + sessionId, c -> {
            ensureJournals(c, wanted.schemas().values());
            boolean fresh;
            try (PreparedStatement insert = prepare(c, sql.insertSession(), sessionId)) {
                fresh = insert.executeUpdate() == 1;
            }
            if (!fresh) {
                SessionLayout stored = loadLayout(c, sessionId);
                if (stored == null || !stored.sameTablesAs(wanted)) {
                    throw new PersistenceException(Problem.SCHEMA_MISMATCH, description + ": session " + sessionId
                            + " exists with other tables: " + (stored == null ? "none recorded" : stored.differencesFrom(wanted)));
                }
                return null;
            }
            try (PreparedStatement insert = c.prepareStatement(sql.insertSessionTable())) {
                int i = 0;
                for (Schema schema : wanted.schemas().values()) {
                    bindSession(insert, 1, sessionId);
                    insert.setString(2, schema.name());
                    insert.setString(3, wanted.journalTable(schema.name()));
                    insert.setString(4, schemaJson.get(i++));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            sessionCreated(c, sessionId, wanted);
            return null;
        });
        layouts.put(sessionId, wanted);
    }

    /** Throws {@link Problem#SCHEMA_MISMATCH} when an existing journal table's columns are not those the schema needs. */
    protected final void checkJournalColumns(String journal, Schema schema, List<String> actual, List<String> expected) {
        if (!actual.equals(expected)) {
            throw new PersistenceException(Problem.SCHEMA_MISMATCH, description + ": journal table " + journal + " exists with columns " + actual
                    + " but table '" + schema.name() + "' v" + schema.version() + " needs " + expected
                    + "; a schema that changes its columns needs a new version");
        }
    }

    /** The session's layout, from the cache or the registry; throws {@link Problem#UNKNOWN_SESSION}. */
    protected final SessionLayout layout(UUID sessionId) {
        ensureOpen();
        if (sessionId == null) {
            throw new PersistenceException(Problem.INVALID_INPUT, description + ": session id is null");
        }
        SessionLayout cached = layouts.get(sessionId);
        if (cached != null) {
            return cached;
        }
        SessionLayout loaded = inTransaction("loading session " + sessionId, c -> loadLayout(c, sessionId));
        if (loaded == null) {
            throw new PersistenceException(Problem.UNKNOWN_SESSION, description + ": session " + sessionId
                    + " is unknown: no session with this id was created here");
        }
        layouts.put(sessionId, loaded);
        return loaded;
    }

    private SessionLayout loadLayout(Connection c, UUID sessionId) throws SQLException {
        List<Schema> schemas = new ArrayList<>();
        try (PreparedStatement q = prepare(c, sql.selectSessionTables(), sessionId)) {
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    schemas.add(SchemaJson.decode(rs.getString(2), description + " session " + sessionId + " table '" + rs.getString(1) + "'"));
                }
            }
        }
        return schemas.isEmpty() ? null : SessionLayout.of(sessionId, schemas, rules);
    }

    // ------------------------------------------------------------------ persist

    @Override
    public final PersistOutcome persistTick(UUID sessionId, World world, PersistOptions options) {
        ensureWritable("persisting tick " + world.tick() + " of session " + sessionId);
        SessionLayout layout = layout(sessionId);
        long tick = checkTick(world.tick());
        layout.checkMatches(world, description);
        TickDigest digest = TickDigest.of(world, options.events());
        return inTransaction("persisting tick " + tick + " of session " + sessionId, c -> writeTick(c, layout, world, digest, options));
    }

    /**
     * What persisting a tick that is already stored with these hashes does: {@link PersistOutcome#UNCHANGED} when
     * the content is the same; {@link PersistOutcome#OVERWRITTEN} when it differs and the options allow replacing
     * it (the caller then deletes the old rows); {@link Problem#TICK_CONFLICT} otherwise.
     */
    protected final PersistOutcome storedTickOutcome(UUID session, long tick, TickDigest digest, byte[] storedWorld, byte[] storedEvents,
                                                     PersistOptions options) {
        if (digest.sameAs(storedWorld, storedEvents)) {
            return PersistOutcome.UNCHANGED;
        }
        if (!options.overwrite()) {
            throw new PersistenceException(Problem.TICK_CONFLICT, description + ": tick " + tick + " of session " + session
                    + " is already stored with different content: " + digest.differenceFrom(storedWorld, storedEvents)
                    + "; persist with PersistOptions.withOverwrite(true) to replace it");
        }
        return PersistOutcome.OVERWRITTEN;
    }

    /**
     * Runs a statement that inserts the tick's row, with the parameters (session, tick, world hash, events hash,
     * generator state, total rows); returns the rows it inserted.
     */
    protected final int insertTick(Connection c, String statement, UUID session, World world, TickDigest digest) throws SQLException {
        try (PreparedStatement insert = prepare(c, statement, session)) {
            insert.setLong(2, world.tick());
            insert.setBytes(3, digest.worldHash());
            insert.setBytes(4, digest.eventsHash());
            insert.setBytes(5, world.rngState());
            insert.setLong(6, world.totalRows());
            return insert.executeUpdate();
        }
    }

    /** Runs a statement whose parameters are a session and a tick (a delete, most often); returns the rows it changed. */
    protected final int executeForTick(Connection c, String statement, UUID session, long tick) throws SQLException {
        try (PreparedStatement st = prepare(c, statement, session)) {
            st.setLong(2, tick);
            return st.executeUpdate();
        }
    }

    /** Prepares a statement whose first parameter is a session id, and binds {@code session} to it. */
    protected final PreparedStatement prepare(Connection c, String statement, UUID session) throws SQLException {
        PreparedStatement prepared = c.prepareStatement(statement);
        try {
            bindSession(prepared, 1, session);
            return prepared;
        } catch (SQLException | RuntimeException e) {
            prepared.close();
            throw e;
        }
    }

    /** Adds a table's {@code tick_table} row (session, tick, table, row count, next entity id) to a batch. */
    protected final void addTickTableRow(PreparedStatement insert, UUID session, long tick, Table table) throws SQLException {
        bindSession(insert, 1, session);
        insert.setLong(2, tick);
        insert.setString(3, table.name());
        insert.setLong(4, table.rowCount());
        insert.setLong(5, table.nextEntityId());
        insert.addBatch();
    }

    /** Names one table of one tick in messages. */
    protected final String where(UUID session, long tick, String table) {
        return description + " session " + session + " tick " + tick + " table '" + table + "'";
    }

    // ------------------------------------------------------------------ hydrate

    @Override
    public final World hydrate(UUID sessionId, long tick, BufferAllocator allocator) {
        return hydrateAt(sessionId, checkTick(tick), allocator);
    }

    @Override
    public final World hydrateLatest(UUID sessionId, BufferAllocator allocator) {
        return hydrateAt(sessionId, -1, allocator);
    }

    private World hydrateAt(UUID sessionId, long wantedTick, BufferAllocator allocator) {
        SessionLayout layout = layout(sessionId);
        return inTransaction("hydrating session " + sessionId, c -> {
            startHydrate(c);
            long tick;
            byte[] worldHash;
            byte[] rngState;
            try (PreparedStatement q = prepare(c, wantedTick < 0 ? sql.selectLatestTick() : sql.selectTick(), sessionId)) {
                if (wantedTick >= 0) {
                    q.setLong(2, wantedTick);
                }
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        throw noSuchTick(sessionId, wantedTick);
                    }
                    tick = rs.getLong(1);
                    worldHash = rs.getBytes(2);
                    rngState = rs.getBytes(3);
                }
            }
            Map<String, long[]> counts = new TreeMap<>();
            try (PreparedStatement q = prepare(c, sql.selectTickTables(), sessionId)) {
                q.setLong(2, tick);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
            if (!counts.keySet().equals(layout.schemas().keySet())) {
                throw new PersistenceException(Problem.CORRUPT_JOURNAL, description + ": tick " + tick + " of session " + sessionId
                        + " records tables " + counts.keySet() + " but the session has " + layout.schemas().keySet());
            }
            World world = new World(allocator);
            try {
                world.setTick(tick);
                world.setRngState(rngState == null ? new byte[0] : rngState);
                for (Schema schema : layout.schemas().values()) {
                    long[] count = counts.get(schema.name());
                    String where = where(sessionId, tick, schema.name());
                    Table table = world.createTable(schema, count[0]);
                    SlotFiller filler = new SlotFiller(table, count[0], count[1], where);
                    readRows(c, sessionId, tick, schema, filler, where);
                    filler.finish();
                }
                byte[] actual = ContentHash.of(world);
                if (!Arrays.equals(actual, worldHash)) {
                    throw new PersistenceException(Problem.CORRUPT_JOURNAL, description + ": tick " + tick + " of session " + sessionId
                            + " was persisted with world hash " + HexFormat.of().formatHex(worldHash) + " but its rows hash to "
                            + HexFormat.of().formatHex(actual));
                }
                return world;
            } catch (RuntimeException | SQLException | Error e) {
                world.close();
                throw e;
            }
        });
    }

    // ------------------------------------------------------------------ logs, events, metadata

    @Override
    public final void logTick(UUID sessionId, TickLog log) {
        ensureWritable("logging a tick of session " + sessionId);
        layout(sessionId);
        if (log == null) {
            throw new PersistenceException(Problem.INVALID_INPUT, description + ": tick log is null");
        }
        inTransaction("logging tick " + log.tick() + " of session " + sessionId, c -> {
            try (PreparedStatement upsert = prepare(c, sql.upsertTickLog(), sessionId)) {
                upsert.setLong(2, log.tick());
                upsert.setBytes(3, log.rngState());
                upsert.setString(4, log.mutationsJson());
                upsert.setString(5, log.invariantChecksJson());
                if (log.wallTimeMs().isPresent()) {
                    upsert.setDouble(6, log.wallTimeMs().getAsDouble());
                } else {
                    upsert.setNull(6, Types.DOUBLE);
                }
                upsert.setString(7, log.systemTimingsJson());
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public final Optional<TickLog> tickLog(UUID sessionId, long tick) {
        layout(sessionId);
        checkTick(tick);
        return inTransaction("reading the log of tick " + tick + " of session " + sessionId, c -> {
            try (PreparedStatement q = prepare(c, sql.selectTickLog(), sessionId)) {
                q.setLong(2, tick);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<TickLog>empty();
                    }
                    TickLog.Builder b = TickLog.builder(tick).rngState(rs.getBytes(1)).mutations(rs.getString(2)).invariantChecks(rs.getString(3));
                    double wall = rs.getDouble(4);
                    if (!rs.wasNull()) {
                        b.wallTimeMs(wall);
                    }
                    return Optional.of(b.systemTimingsJson(rs.getString(5)).build());
                }
            }
        });
    }

    @Override
    public final List<TickEvent> events(UUID sessionId, long tick) {
        layout(sessionId);
        checkTick(tick);
        return inTransaction("reading the events of tick " + tick + " of session " + sessionId, c -> {
            requireTick(c, sessionId, tick);
            List<TickEvent> events = new ArrayList<>();
            try (PreparedStatement q = prepare(c, sql.selectEvents(), sessionId)) {
                q.setLong(2, tick);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        long entity = rs.getLong(2);
                        if (rs.wasNull()) {
                            entity = TickEvent.NO_ENTITY;
                        }
                        events.add(TickEvent.restore(rs.getString(1), entity, rs.getString(3)));
                    }
                }
            }
            return events;
        });
    }

    /** Throws {@link Problem#NO_SUCH_TICK} unless the session has stored {@code tick}. */
    protected final void requireTick(Connection c, UUID sessionId, long tick) throws SQLException {
        try (PreparedStatement q = prepare(c, sql.selectTick(), sessionId)) {
            q.setLong(2, tick);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw noSuchTick(sessionId, tick);
                }
            }
        }
    }

    private PersistenceException noSuchTick(UUID sessionId, long tick) {
        return new PersistenceException(Problem.NO_SUCH_TICK, description + ": session " + sessionId
                + (tick < 0 ? " has no stored tick" : " has no stored tick " + tick));
    }

    @Override
    public final void setMetadata(UUID sessionId, String key, String value) {
        ensureWritable("setting metadata '" + key + "' of session " + sessionId);
        layout(sessionId);
        checkKey(key);
        if (value == null) {
            throw new PersistenceException(Problem.INVALID_INPUT, description + ": metadata '" + key + "' of session " + sessionId + " is null");
        }
        inTransaction("setting metadata '" + key + "' of session " + sessionId, c -> {
            try (PreparedStatement upsert = prepare(c, sql.upsertMetadata(), sessionId)) {
                upsert.setString(2, key);
                upsert.setString(3, value);
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public final Optional<String> getMetadata(UUID sessionId, String key) {
        layout(sessionId);
        checkKey(key);
        return inTransaction("reading metadata '" + key + "' of session " + sessionId, c -> {
            try (PreparedStatement q = prepare(c, sql.selectMetadata(), sessionId)) {
                q.setString(2, key);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public final java.util.List<Long> ticks(UUID sessionId) {
        layout(sessionId);
        return inTransaction("listing the ticks of session " + sessionId, c -> {
            java.util.List<Long> ticks = new java.util.ArrayList<>();
            try (PreparedStatement q = prepare(c, sql.selectTicks(), sessionId);
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ticks.add(rs.getLong(1));
                }
            }
            return ticks;
        });
    }

    private void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new PersistenceException(Problem.INVALID_INPUT, description + ": a metadata key must be a non-empty string");
        }
    }

    // ------------------------------------------------------------------ plumbing

    /** Returns {@code tick}; throws {@link Problem#INVALID_INPUT} when it is negative. */
    protected final long checkTick(long tick) {
        if (tick < 0) {
            throw new PersistenceException(Problem.INVALID_INPUT, description + ": tick " + tick + " is negative; ticks count from 0");
        }
        return tick;
    }

    /**
     * Runs {@code work} as one transaction on {@code c}: commit on success; on any failure roll back, call
     * {@link #afterRollback}, and throw a {@link PersistenceException} ({@link #translate}) or the caller's own runtime
     * exception, unchanged.
     */
    protected final <T> T transact(Connection c, String what, SqlWork<T> work) {
        try {
            c.setAutoCommit(false);
            T result = work.run(c);
            try {
                Faults.at(FaultPoint.JOURNAL_COMMIT, java.nio.file.Path.of(description));
            } catch (java.io.IOException injected) {
                throw new SQLException(injected.getMessage(), "58030", injected);
            }
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            afterRollback(c);
            if (e instanceof SQLException) {
                throw translate(what, (SQLException) e);
            }
            if (e instanceof Error) {
                throw (Error) e;
            }
            throw (RuntimeException) e;
        }
    }

    protected final void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(description + " is closed");
        }
    }

    /** {@link #ensureOpen()}, and refuses {@code what} when this runtime was opened read-only. */
    protected final void ensureWritable(String what) {
        ensureOpen();
        if (readOnly) {
            throw new IllegalStateException(description + " was opened read-only, on an existing journal (Backends.openExisting); "
                    + what + " needs it opened for writing (Backends.open)");
        }
    }

    /**
     * For a runtime opened on an existing journal: throws {@link Problem#NO_JOURNAL} unless every one of
     * {@code required} is among the tables {@code present} in {@code container} (the SQLite file, the PostgreSQL schema).
     * A read never creates what is missing, so it says what is.
     */
    protected final void requireTables(Collection<String> required, Collection<String> present, String container) {
        List<String> missing = new ArrayList<>(required);
        missing.removeAll(present);
        if (missing.isEmpty()) {
            return;
        }
        if (missing.size() == required.size()) {
            throw new PersistenceException(Problem.NO_JOURNAL, description + ": " + container + " holds no Tickstore journal");
        }
        throw new PersistenceException(Problem.NO_JOURNAL, description + ": " + container + " is not a whole Tickstore journal: tables "
                + String.join(", ", missing) + " are missing");
    }

    /** The registry tables both backends read: what a journal cannot be read without. */
    protected static List<String> registryTables() {
        return List.of(JournalNames.SESSIONS, JournalNames.SESSION_TABLES, JournalNames.TICKS, JournalNames.TICK_TABLES,
                JournalNames.EVENTS, JournalNames.TICK_LOGS, JournalNames.METADATA);
    }

    // ------------------------------------------------------------------ sessions as things: list, show, delete, traces

    /** The SQL of the session catalogue for this backend. */
    protected abstract SessionCatalog catalog();

    /** A lease that marks the session as being written by this process until it is closed. */
    protected abstract AutoCloseable lease(UUID sessionId);

    /** Called in the transaction that registers a new session (PostgreSQL creates its partitions here). */
    protected void sessionCreated(Connection c, UUID sessionId, SessionLayout layout) throws SQLException {
    }

    @Override
    public final List<SessionInfo> sessions() {
        return inTransaction("listing sessions", c -> {
            List<SessionInfo> out = new ArrayList<>();
            for (UUID id : catalog().ids(c)) {
                SessionInfo info = catalog().describe(c, id);
                if (info != null) {
                    out.add(info);
                }
            }
            return out;
        });
    }

    @Override
    public final SessionInfo session(UUID sessionId) {
        SessionInfo info = inTransaction("reading session " + sessionId, c -> catalog().describe(c, sessionId));
        if (info == null) {
            throw new PersistenceException(Problem.UNKNOWN_SESSION, description + ": session " + sessionId
                    + " is unknown: no session with this id was created here (./tickstore sessions --from ... lists them)");
        }
        return info;
    }

    @Override
    public final SessionInfo deleteSession(UUID sessionId) {
        ensureWritable("deleting session " + sessionId);
        SessionInfo deleted = inTransaction("deleting session " + sessionId, c -> {
            SessionInfo info = catalog().describe(c, sessionId);
            if (info == null) {
                throw new PersistenceException(Problem.UNKNOWN_SESSION, description + ": session " + sessionId
                        + " is unknown: no session with this id was created here (./tickstore sessions --from ... lists them)");
            }
            if (info.isRunning()) {
                throw new PersistenceException(Problem.SESSION_ACTIVE, description + ": session " + sessionId
                        + " is being written right now; stop its run first, then delete it");
            }
            catalog().delete(c, sessionId);
            return info;
        });
        layouts.remove(sessionId);
        return deleted;
    }

    @Override
    public final AutoCloseable holdSession(UUID sessionId) {
        ensureWritable("holding session " + sessionId);
        return lease(sessionId);
    }

    @Override
    public final void persistTraces(UUID sessionId, TraceBatch batch) {
        ensureWritable("persisting traces of tick " + batch.tick() + " of session " + sessionId);
        layout(sessionId);
        inTransaction("persisting " + batch.count() + " trace events of tick " + batch.tick() + " of session " + sessionId, c -> {
            catalog().persistTraces(c, sessionId, batch);
            return null;
        });
    }

    @Override
    public final List<SessionDataset> datasets(UUID sessionId) {
        layout(sessionId);
        return inTransaction("listing the tables of session " + sessionId, c -> catalog().datasets(c, sessionId));
    }

    @Override
    public final void readDataset(UUID sessionId, SessionDataset dataset, RowReader reader) {
        String columns = "SELECT * FROM " + dataset.table() + " WHERE 1 = 0";
        inTransaction("reading " + dataset.name() + " of session " + sessionId, c -> {
            startHydrate(c);
            List<String> names = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(columns); ResultSet rs = q.executeQuery()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    String name = rs.getMetaData().getColumnName(i);
                    if (!name.equals(dataset.sessionColumn())) {
                        names.add(JournalNames.quote(name));
                    }
                }
            }
            StringBuilder order = new StringBuilder();
            for (String key : dataset.orderBy()) {
                order.append(order.length() == 0 ? " ORDER BY " : ", ").append(JournalNames.quote(key));
            }
            try (PreparedStatement q = c.prepareStatement("SELECT " + String.join(", ", names) + " FROM " + dataset.table() + " WHERE "
                    + JournalNames.quote(dataset.sessionColumn()) + " = ?" + order)) {
                q.setFetchSize(10_000);
                bindSession(q, 1, sessionId);
                try (ResultSet rs = q.executeQuery()) {
                    reader.read(rs);
                }
            }
            return null;
        });
    }

    /** Marks the runtime closed; returns false when it already was, so that closing is idempotent. */
    protected final boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }
}
