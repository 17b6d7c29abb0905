package io.tickstore.backends.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.tickstore.backends.BackendSpec;
import io.tickstore.backends.ColumnSummary;
import io.tickstore.backends.PersistOptions;
import io.tickstore.backends.PersistOutcome;
import io.tickstore.backends.PersistProgress;
import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.PostgresExtensions;
import io.tickstore.backends.RuntimePersistence;
import io.tickstore.backends.TickEvent;
import io.tickstore.backends.internal.journal.FailureText;
import io.tickstore.backends.internal.journal.JdbcRuntime;
import io.tickstore.backends.internal.journal.JournalNames;
import io.tickstore.backends.internal.journal.SessionCatalog;
import io.tickstore.backends.internal.journal.SessionLayout;
import io.tickstore.backends.internal.journal.SlotFiller;
import io.tickstore.backends.internal.journal.TickDigest;
import io.tickstore.backends.postgres.copy.BinaryCopyReader;
import io.tickstore.backends.postgres.copy.BinaryCopyWriter;
import io.tickstore.backends.postgres.copy.CopyFormatException;
import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * The production backend: PostgreSQL through a HikariCP pool, rows written by binary COPY straight from the
 * off-heap columns and read back by binary COPY straight into them. Implements {@link RuntimePersistence} and
 * {@link PostgresExtensions}.
 *
 * <h2>Persisting a tick</h2>
 * One transaction per tick:
 * <ol>
 *   <li>The gate: {@code INSERT INTO tick ... ON CONFLICT DO NOTHING} with the world and events hashes. If the row
 *       existed (or a concurrent writer of the same tick committed it while this waited on its key), the stored
 *       hashes decide: equal is {@link PersistOutcome#UNCHANGED}; different is a conflict, or, when overwriting is
 *       allowed, the old rows are deleted under the row lock.</li>
 *   <li>Per table: one binary COPY, by default straight into the journal with the session id and tick on every row
 *       ({@link CopyTarget#JOURNAL}), or into the connection's staging table followed by one
 *       {@code INSERT ... SELECT} ({@link CopyTarget#STAGING_TABLE}); then one {@code tick_table} row records the
 *       count and the entity id counter.</li>
 *   <li>Events by binary COPY; commit.</li>
 * </ol>
 * Any failure rolls everything back: the copied rows vanish with the transaction, the tick row too, so the tick
 * is absent and a retry stores it exactly once. A connection that died is evicted from the pool.
 *
 * <h2>Threads</h2>
 * Thread-safe: each call borrows its own connection. Session layouts and journal SQL are cached in concurrent maps;
 * both are immutable.
 */
public final class PostgresRuntime extends JdbcRuntime implements PostgresExtensions {
    private final HikariDataSource pool;
    private final PostgresOptions options;
    private final PgRegistrySql sql;
    private final Map<Schema, PgJournalSql> journals = new ConcurrentHashMap<>();
    private final PgSessionCatalog catalog;
    private final Map<String, Boolean> partitionedJournals = new ConcurrentHashMap<>();

    private PostgresRuntime(HikariDataSource pool, PostgresOptions options, PgRegistrySql sql, String description, boolean readOnly) {
        super(description, JournalNames.Rules.POSTGRES, sql.statements(), readOnly);
        this.pool = pool;
        this.options = options;
        this.sql = sql;
        this.catalog = new PgSessionCatalog(options.schema(), this::bindSession);
    }

    /**
     * Opens a pool to {@code jdbcUrl} ({@code jdbc:postgresql://host:port/db?user=...}; a password in it, as
     * {@code password=} or {@code USER:PASSWORD@}, is used but never shown). Does not create tables; call
     * {@link #initSchema()} (as {@code Backends.open} does). Throws {@link Problem#DATABASE} naming the server when it
     * cannot connect within the options' timeout.
     */
    public static PostgresRuntime open(String jdbcUrl, PostgresOptions options) {
        return open(PostgresUrl.parse(jdbcUrl), options);
    }

    /** {@link #open(String, PostgresOptions)} with a parsed URL. */
    public static PostgresRuntime open(PostgresUrl url, PostgresOptions options) {
        return connect(url, options, false);
    }

    /**
     * Opens a pool to read an existing journal, creating and changing nothing: no schema init, no table; the
     * connections are read-only ({@code Connection.setReadOnly}, so every transaction is {@code READ ONLY}) and every
     * call that would write throws {@link IllegalStateException}. Throws {@link Problem#NO_JOURNAL} when the options'
     * schema does not exist or lacks the journal's tables.
     */
    public static PostgresRuntime openExisting(PostgresUrl url, PostgresOptions options) {
        PostgresRuntime runtime = connect(url, options, true);
        try {
            runtime.requireJournal();
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private static PostgresRuntime connect(PostgresUrl url, PostgresOptions options, boolean readOnly) {
        String description = BackendSpec.postgres(url) + " schema " + options.schema();
        try {
            return new PostgresRuntime(new HikariDataSource(poolConfig(url, options, readOnly)), options, new PgRegistrySql(options.schema()),
                    description, readOnly);
        } catch (RuntimeException e) {
            // "Failed to initialize pool" says no more than "cannot connect"; what does is underneath
            Throwable why = e instanceof HikariPool.PoolInitializationException && e.getCause() != null ? e.getCause() : e;
            throw new PersistenceException(Problem.DATABASE, description + ": cannot connect: " + FailureText.of(why), e);
        }
    }

    /**
     * A connection pool to {@code url} configured as a runtime's own (credentials from the options' password lookup,
     * never in the URL), for a writer that keeps tables of its own beside the journal (the hex journal); the caller
     * closes it.
     */
    public static HikariDataSource pool(PostgresUrl url, PostgresOptions options) {
        try {
            return new HikariDataSource(poolConfig(url, options, false));
        } catch (RuntimeException e) {
            Throwable why = e instanceof HikariPool.PoolInitializationException && e.getCause() != null ? e.getCause() : e;
            throw new PersistenceException(Problem.DATABASE, BackendSpec.postgres(url) + ": cannot connect: " + FailureText.of(why), e);
        }
    }

    /**
     * The pool's configuration. The password never enters anything HikariCP or the driver may print: the JDBC URL is
     * the one without it ({@link PostgresUrl#toString()}: HikariCP's configuration dump at pool start and its "Failed
     * to get driver instance for jdbcUrl=..." quote it, and so do pgjdbc's log lines about a URL it rejects), the pool
     * name, in every HikariCP log line, is the schema's, and the password goes through {@link HikariConfig#setPassword}
     * (masked in the dump) and secret parameters through data source properties (masked too: their names contain
     * "password").
     */
    static HikariConfig poolConfig(PostgresUrl url, PostgresOptions options, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.toString());
        String password = options.passwordLookup().forDriver(url);
        if (password != null) {
            config.setPassword(password);
        }
        url.secretParameters().forEach(config::addDataSourceProperty);
        config.setPoolName("tickstore-" + options.schema() + (readOnly ? "-read" : ""));
        config.setReadOnly(readOnly);
        config.setMaximumPoolSize(options.poolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(options.connectTimeoutSeconds() * 1000L);
        config.setInitializationFailTimeout(options.connectTimeoutSeconds() * 1000L);
        config.addDataSourceProperty("ApplicationName", options.applicationName());
        config.addDataSourceProperty("connectTimeout", Integer.toString(options.connectTimeoutSeconds()));
        return config;
    }

    public PostgresOptions options() {
        return options;
    }

    // ------------------------------------------------------------------ schema and sessions

    @Override
    public void initSchema() {
        ensureWritable("creating the schema");
        inTransaction("creating the schema", c -> {
            lockDdl(c);
            try (Statement st = c.createStatement()) {
                // the tables first (trace_log among them), then the comments that describe them
                List<String> comments = new ArrayList<>();
                for (String ddl : sql.ddl) {
                    if (ddl.startsWith("COMMENT ON")) {
                        comments.add(ddl);
                    } else {
                        st.execute(ddl);
                    }
                }
                st.execute(catalog.traceDdl(options.sessionPartitions()));
                for (String comment : comments) {
                    st.execute(comment);
                }
            }
            return null;
        });
    }

    /** Throws {@link Problem#NO_JOURNAL} when the schema does not exist or lacks a registry table; creates nothing. */
    private void requireJournal() {
        List<String> present = inTransaction("looking for the journal", c -> {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)")) {
                q.setString(1, options.schema());
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return null;
                    }
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT tablename FROM pg_tables WHERE schemaname = ?")) {
                q.setString(1, options.schema());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            return tables;
        });
        if (present == null) {
            throw new PersistenceException(Problem.NO_JOURNAL, description + ": schema " + options.schema()
                    + " does not exist, so the database holds no Tickstore journal there");
        }
        requireTables(registryTables(), present, "schema " + options.schema());
    }

    @Override
    protected void ensureJournals(Connection c, Collection<Schema> schemas) throws SQLException {
        lockDdl(c);
        for (Schema schema : schemas) {
            ensureJournal(c, journal(schema));
        }
    }

    private void lockDdl(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(sql.lockDdl)) {
            lock.setString(1, "tickstore-ddl:" + options.schema());
            lock.execute();
        }
    }

    /** Creates the journal table when missing, then checks that its columns are what the schema needs. */
    private void ensureJournal(Connection c, PgJournalSql journal) throws SQLException {
        try (Statement st = c.createStatement()) {
            // partitioned by session: each session's rows in a partition of its own, dropped when the session is deleted
            st.execute(options.sessionPartitions()
                    ? journal.createJournal + " PARTITION BY LIST (" + JournalNames.quote(JournalNames.SESSION_ID) + ")"
                    : journal.createJournal);
            for (String comment : journal.describeJournal) {
                st.execute(comment);
            }
        }
        List<String> actual = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                + " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            q.setString(1, journal.journal);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    actual.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        checkJournalColumns(journal.journal, journal.schema, actual, journal.expectedColumns);
    }

    @Override
    protected void sessionCreated(Connection c, UUID sessionId, SessionLayout layout) throws SQLException {
        List<String> journalTables = new ArrayList<>();
        for (Schema schema : layout.schemas().values()) {
            journalTables.add(journal(schema).journalName);
        }
        catalog.createPartitions(c, sessionId, journalTables);
    }

    @Override
    protected SessionCatalog catalog() {
        return catalog;
    }

    /** A session-level advisory lock on a connection of its own, held until the lease is closed. */
    @Override
    protected AutoCloseable lease(UUID sessionId) {
        int[] keys = catalog.lockKeys(sessionId);
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            throw new PersistenceException(Problem.DATABASE, description + ": no connection to hold session " + sessionId + ": " + FailureText.of(e), e);
        }
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            c.setAutoCommit(true);
            lock.setInt(1, keys[0]);
            lock.setInt(2, keys[1]);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new PersistenceException(Problem.SESSION_ACTIVE, description + ": session " + sessionId
                            + " is being written by another writer right now");
                }
            }
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            throw translate("holding session " + sessionId, (SQLException) e);
        }
        return () -> {
            try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, keys[0]);
                unlock.setInt(2, keys[1]);
                unlock.execute();
            } catch (SQLException e) {
                // a dead connection released the lock with it
            } finally {
                c.close();
            }
        };
    }

    /** Whether a journal table is partitioned by session (looked up once per table: a table keeps its form). */
    private boolean isPartitioned(Connection c, PgJournalSql journal) throws SQLException {
        Boolean known = partitionedJournals.get(journal.journal);
        if (known == null) {
            known = PgSessionCatalog.isPartitioned(c, journal.journal);
            partitionedJournals.put(journal.journal, known);
        }
        return known;
    }

    private PgJournalSql journal(Schema schema) {
        return journals.computeIfAbsent(schema, s -> new PgJournalSql(options.schema(), s));
    }

    // ------------------------------------------------------------------ persist

    @Override
    protected PersistOutcome writeTick(Connection c, SessionLayout layout, World world, TickDigest digest, PersistOptions persistOptions)
            throws SQLException {
        UUID session = layout.sessionId();
        long tick = world.tick();
        PersistOutcome outcome = PersistOutcome.STORED;
        if (insertTick(c, sql.insertTickIfAbsent, session, world, digest) == 0) {
            outcome = resolveStoredTick(c, layout, world, digest, persistOptions);
            if (outcome == PersistOutcome.UNCHANGED) {
                return outcome;
            }
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        try (PreparedStatement tickTable = c.prepareStatement(sql.insertTickTable)) {
            for (Table table : world.tables()) {
                writeRows(c, copy, journal(table.schema()), session, tick, table, persistOptions.progress(), where(session, tick, table.name()),
                        persistOptions.onlySlots(table.name()));
                addTickTableRow(tickTable, session, tick, table);
            }
            tickTable.executeBatch();
        }
        if (!persistOptions.events().isEmpty()) {
            writeEvents(copy, session, tick, persistOptions.events());
        }
        return outcome;
    }

    /** The gate found the tick stored: decide between no-op, conflict and overwrite (deleting the old rows). */
    private PersistOutcome resolveStoredTick(Connection c, SessionLayout layout, World world, TickDigest digest, PersistOptions persistOptions)
            throws SQLException {
        UUID session = layout.sessionId();
        long tick = world.tick();
        byte[] storedWorld;
        byte[] storedEvents;
        try (PreparedStatement q = prepare(c, sql.selectTickForUpdate, session)) {
            q.setLong(2, tick);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new PersistenceException(Problem.DATABASE, description + ": tick " + tick + " of session " + session
                            + " was deleted while it was being persisted; persist it again");
                }
                storedWorld = rs.getBytes(1);
                storedEvents = rs.getBytes(2);
            }
        }
        PersistOutcome outcome = storedTickOutcome(session, tick, digest, storedWorld, storedEvents, persistOptions);
        if (outcome == PersistOutcome.UNCHANGED) {
            return outcome;
        }
        for (Schema schema : layout.schemas().values()) {
            executeForTick(c, journal(schema).deleteTick, session, tick);
        }
        executeForTick(c, sql.deleteTickTables, session, tick);
        executeForTick(c, sql.deleteEvents, session, tick);
        try (PreparedStatement update = c.prepareStatement(sql.updateTick)) {
            update.setBytes(1, digest.worldHash());
            update.setBytes(2, digest.eventsHash());
            update.setBytes(3, world.rngState());
            update.setLong(4, world.totalRows());
            update.setObject(5, session);
            update.setLong(6, tick);
            update.executeUpdate();
        }
        return PersistOutcome.OVERWRITTEN;
    }

    private void writeRows(Connection c, CopyManager copy, PgJournalSql journal, UUID session, long tick, Table table, PersistProgress progress,
                           String where, long[] onlySlots) throws SQLException {
        if (onlySlots != null && (options.writeMethod() != WriteMethod.BINARY_COPY || options.copyTarget() != CopyTarget.JOURNAL)) {
            throw new PersistenceException(Problem.TIER_MISFIT, where + ": a table written in part (a sparse or once-per-session tier)"
                    + " goes by binary COPY straight into the journal; this runtime writes by " + options.writeMethod() + " into "
                    + options.copyTarget());
        }
        if (options.writeMethod() == WriteMethod.BATCHED_INSERT) {
            requireScalars(table, where);
            BatchedJournalInserter.insert(c, journal, session, tick, table, progress, where);
            return;
        }
        boolean staged = options.copyTarget() == CopyTarget.STAGING_TABLE;
        boolean binary = options.writeMethod() == WriteMethod.BINARY_COPY;
        if (!binary) {
            requireScalars(table, where);
        }
        if (staged) {
            try (Statement st = c.createStatement()) {
                st.execute(journal.createStaging);
            }
        }
        String copySql = binary ? (staged ? journal.copyBinaryIntoStaging : journal.copyBinaryIntoJournal)
                : (staged ? journal.copyTextIntoStaging : journal.copyTextIntoJournal);
        if (!staged && isPartitioned(c, journal)) {
            // straight into the session's own partition: the server skips routing every row through the parent
            copySql = "COPY " + PgJournalSql.qualified(options.schema(), PgSessionCatalog.partitionName(journal.journalName, session))
                    + copySql.substring(("COPY " + journal.journal).length());
        }
        UUID rowSession = staged ? null : session;
        CopyIn in = copy.copyIn(copySql);
        long copied;
        try {
            int chunk = chunkBytes(table);
            if (binary) {
                BinaryJournalEncoder.encode(table, new BinaryCopyWriter(in::writeToCopy, chunk), rowSession, tick, progress, where, onlySlots);
            } else {
                TextJournalEncoder.encode(table, in::writeToCopy, chunk, rowSession, tick, progress, where);
            }
            copied = in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        long moved = copied;
        if (staged) {
            try (PreparedStatement move = prepare(c, journal.moveFromStaging, session)) {
                move.setLong(2, tick);
                moved = move.executeLargeUpdate();
            }
        }
        long sent = onlySlots == null ? table.rowCount() : onlySlots.length;
        if (copied != sent || moved != sent) {
            throw new PersistenceException(Problem.DATABASE, where + ": " + sent + " rows were sent but " + copied
                    + " were copied and " + moved + " reached the journal");
        }
    }

    /**
     * The write methods kept to measure binary COPY against carry scalar columns only; a table with another kind is
     * refused before anything is written ({@link Problem#INVALID_INPUT}).
     */
    private void requireScalars(Table table, String where) {
        for (ColumnSpec column : table.schema().columns()) {
            if (!column.layout().isScalar()) {
                throw new PersistenceException(Problem.INVALID_INPUT, where + ": column '" + column.name() + "' is " + column.layout()
                        + ", which write method " + options.writeMethod() + " does not carry (it writes scalar columns only); use "
                        + WriteMethod.BINARY_COPY + ", the default");
            }
        }
    }

    /** The configured chunk, or less for a small table: no point allocating a MiB for forty rows. */
    private int chunkBytes(Table table) {
        long needed = table.rowCount() * (long) BinaryJournalEncoder.maxRowBytes(table) + 64;
        return (int) Math.max(Math.min(needed, options.copyChunkBytes()), Math.min(options.copyChunkBytes(), 64 * 1024));
    }

    private void writeEvents(CopyManager copy, UUID session, long tick, List<TickEvent> events) throws SQLException {
        CopyIn in = copy.copyIn(sql.copyEvents);
        try {
            BinaryCopyWriter out = new BinaryCopyWriter(in::writeToCopy, 64 * 1024);
            out.writeHeader();
            for (int i = 0; i < events.size(); i++) {
                TickEvent event = events.get(i);
                out.startRow(6);
                out.writeUuid(session);
                out.writeInt8(tick);
                out.writeInt4(i);
                out.writeText(event.kind());
                if (event.hasEntity()) {
                    out.writeInt8(event.entityId());
                } else {
                    out.writeNull();
                }
                out.writeJsonb(event.payloadJson());
            }
            out.finish();
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    // ------------------------------------------------------------------ hydrate

    @Override
    protected void startHydrate(Connection c) throws SQLException {
        // one snapshot for the registry and every journal, so a concurrent overwrite is never half-seen
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
        }
    }

    @Override
    protected void readRows(Connection c, UUID session, long tick, Schema schema, SlotFiller filler, String where) throws SQLException {
        PgJournalSql journal = journal(schema);
        String copySql = journal.copyOut(session, tick);
        if (count(c, journal.countTick(), session, tick) != filler.rows()) {
            // journaled in part at this tick (a sparse or once-per-session tier): each entity's latest row since the
            // latest tick that holds the table whole
            long whole;
            try (PreparedStatement q = prepare(c, journal.latestWholeTick(sql.tickTables), session)) {
                q.setLong(2, tick);
                bindSession(q, 3, session);
                q.setString(4, schema.name());
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    whole = rs.getLong(1);
                    if (rs.wasNull()) {
                        throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": the journal holds part of the table at this tick"
                                + " but no earlier tick that holds it whole");
                    }
                }
            }
            copySql = journal.copyOutLatest(session, whole, tick);
        }
        CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
        try {
            BinaryJournalDecoder.decode(new BinaryCopyReader(out::readFromCopy), schema, filler);
        } catch (CopyFormatException e) {
            throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": " + e.getMessage(), e);
        } finally {
            if (out.isActive()) {
                out.cancelCopy();
            }
        }
    }

    private long count(Connection c, String statement, UUID session, long tick) throws SQLException {
        try (PreparedStatement q = prepare(c, statement, session)) {
            q.setLong(2, tick);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // ------------------------------------------------------------------ extensions

    @Override
    public void summarizeTick(UUID sessionId, long tick) {
        ensureWritable("summarizing tick " + tick + " of session " + sessionId);
        SessionLayout layout = layout(sessionId);
        checkTick(tick);
        inTransaction("summarizing tick " + tick + " of session " + sessionId, c -> {
            requireTick(c, sessionId, tick);
            try (PreparedStatement upsert = c.prepareStatement(sql.upsertSummary)) {
                for (Schema schema : layout.schemas().values()) {
                    try (PreparedStatement q = prepare(c, journal(schema).summarize, sessionId)) {
                        q.setLong(2, tick);
                        try (ResultSet rs = q.executeQuery()) {
                            rs.next();
                            long rows = rs.getLong(1);
                            int summarized = 0;
                            for (int col = 0; col < schema.columnCount(); col++) {
                                if (!schema.column(col).layout().isScalar()) {
                                    continue;
                                }
                                upsert.setObject(1, sessionId);
                                upsert.setLong(2, tick);
                                upsert.setString(3, schema.name());
                                upsert.setString(4, schema.column(col).name());
                                upsert.setLong(5, rows);
                                for (int k = 0; k < 3; k++) {
                                    upsert.setObject(6 + k, rs.getObject(2 + 3 * summarized + k), java.sql.Types.DOUBLE);
                                }
                                upsert.addBatch();
                                summarized++;
                            }
                        }
                    }
                }
                upsert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<ColumnSummary> columnSummaries(UUID sessionId, String table, String column) {
        SessionLayout layout = layout(sessionId);
        Schema schema = layout.schema(table);
        if (schema.indexOf(column) < 0) {
            throw new PersistenceException(Problem.INVALID_INPUT, description + ": table '" + table + "' of session " + sessionId
                    + " has no column '" + column + "' (columns: " + String.join(", ", schema.columnNames()) + ")");
        }
        ColumnSpec spec = schema.column(column);
        return inTransaction("reading summaries of " + table + "." + column + " of session " + sessionId, c -> {
            List<ColumnSummary> out = new ArrayList<>();
            try (PreparedStatement q = prepare(c, sql.selectSummaries, sessionId)) {
                q.setString(2, table);
                q.setString(3, spec.name());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ColumnSummary(rs.getLong(1), table, spec.name(), rs.getLong(2), nullableDouble(rs, 3),
                                nullableDouble(rs, 4), nullableDouble(rs, 5)));
                    }
                }
            }
            return out;
        });
    }

    private static double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }

    @Override
    public long exportCsv(UUID sessionId, long tick, String table, OutputStream out) {
        SessionLayout layout = layout(sessionId);
        Schema schema = layout.schema(table);
        checkTick(tick);
        return inTransaction("exporting table '" + table + "' of tick " + tick + " of session " + sessionId, c -> {
            requireTick(c, sessionId, tick);
            try {
                return c.unwrap(PGConnection.class).getCopyAPI().copyOut(journal(schema).copyOutCsv(sessionId, tick), out);
            } catch (IOException e) {
                throw new UncheckedIOException("writing the CSV of table '" + table + "' failed", e);
            }
        });
    }

    // ------------------------------------------------------------------ plumbing

    @Override
    protected void bindSession(PreparedStatement statement, int index, UUID session) throws SQLException {
        statement.setObject(index, session);
    }

    /**
     * Runs {@code work} in one transaction on a pooled connection: commit on success; on any failure roll back,
     * evict the connection if it died, and throw a {@link PersistenceException} (or the caller's own runtime
     * exception, unchanged).
     */
    @Override
    protected <T> T inTransaction(String what, SqlWork<T> work) {
        ensureOpen();
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            throw new PersistenceException(Problem.DATABASE, description + ": no connection for " + what + ": " + FailureText.of(e), e);
        }
        try {
            return transact(c, what, work);
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                // the pool could not reset the connection; it discards it itself
            }
        }
    }

    @Override
    protected void afterRollback(Connection c) {
        boolean alive;
        try {
            alive = c.isValid(2);
        } catch (SQLException e) {
            alive = false;
        }
        if (!alive) {
            pool.evictConnection(c);
        }
    }

    @Override
    protected PersistenceException translate(String what, SQLException e) {
        String state = e.getSQLState();
        if ("23503".equals(state)) {
            return new PersistenceException(Problem.UNKNOWN_SESSION, description + ": " + what + " failed: the session is not registered ("
                    + FailureText.of(e) + ")", e);
        }
        return new PersistenceException(Problem.DATABASE, description + ": " + what + " failed: " + FailureText.of(e)
                + (state == null ? "" : " (SQLState " + state + ")"), e);
    }

    @Override
    public void close() {
        if (markClosed()) {
            pool.close();
        }
    }
}
