package io.tickstore.backends.sqlite;

import io.tickstore.backends.BackendSpec;
import io.tickstore.backends.PersistOptions;
import io.tickstore.backends.PersistOutcome;
import io.tickstore.backends.PersistProgress;
import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.RuntimePersistence;
import io.tickstore.backends.TickEvent;
import io.tickstore.backends.internal.journal.FailureText;
import io.tickstore.backends.internal.journal.JdbcRuntime;
import io.tickstore.backends.internal.journal.JournalNames;
import io.tickstore.backends.internal.journal.LiveRows;
import io.tickstore.backends.internal.journal.SessionCatalog;
import io.tickstore.backends.internal.journal.SessionLayout;
import io.tickstore.backends.internal.journal.SlotFiller;
import io.tickstore.backends.internal.journal.TickDigest;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.JsonText;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The development backend: one SQLite database, in a file (write-ahead log, full sync) or in memory. Every tick is
 * one {@code BEGIN IMMEDIATE} transaction whose rows go through one prepared statement in batches of
 * {@value #BATCH_ROWS}; generated keys are off (the driver would otherwise ask for them after every insert).
 * Implements {@link RuntimePersistence} only: SQLite has none of the extras of
 * {@link io.tickstore.backends.PostgresExtensions}.
 *
 * <p>Sessions are recorded exactly as in PostgreSQL, so one file can hold several runs and the same contract tests
 * pass against both. See {@link SqliteSql} for the layout and how floats that SQLite cannot hold exactly (NaN,
 * -0.0) survive.
 *
 * <p>{@link #openExisting} opens a journal only to read it: read-only, creating nothing, leaving the file as it was.
 *
 * <p>Thread-safe: one connection, used by one transaction at a time under this runtime's lock.
 */
public final class SqliteRuntime extends JdbcRuntime {
    /** Rows per {@code executeBatch}. */
    public static final int BATCH_ROWS = 1_000;

    /** SQLite's error code for a file that is not a database. */
    private static final int SQLITE_NOTADB = 26;

    private final Connection connection;
    private final SqliteSessionCatalog catalog = new SqliteSessionCatalog(this::bindSession);
    // a read-only runtime's file whose -wal and -shm files reading created, and closing removes; null otherwise
    private final Path walFilesToRemove;

    private SqliteRuntime(Connection connection, String description, boolean readOnly, Path walFilesToRemove) {
        super(description, JournalNames.Rules.SQLITE, SqliteSql.STATEMENTS, readOnly);
        this.connection = connection;
        this.walFilesToRemove = walFilesToRemove;
    }

    /** Opens (creating when missing, with its parent directories) a database file in write-ahead-log mode. */
    public static SqliteRuntime open(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new PersistenceException(Problem.DATABASE, BackendSpec.sqlite(file) + ": cannot create its directory: " + e.getMessage(), e);
        }
        return open("jdbc:sqlite:" + absolute, BackendSpec.sqlite(file).toString(), true);
    }

    /**
     * Opens an existing journal to read it, creating and changing nothing: a path that does not exist is
     * {@link Problem#NO_JOURNAL} (no file, no directory is made), so is a database without the journal's tables; the
     * file is opened read-only (SQLite's {@code SQLITE_OPEN_READONLY}, no create flag) and no table is created. Every
     * call that would write throws {@link IllegalStateException}.
     */
    public static SqliteRuntime openExisting(Path file) {
        String description = BackendSpec.sqlite(file).toString();
        if (!Files.exists(file)) {
            throw new PersistenceException(Problem.NO_JOURNAL, description + ": no such SQLite journal: the file does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new PersistenceException(Problem.NO_JOURNAL, description + ": not a file, so no SQLite journal");
        }
        Path absolute = file.toAbsolutePath();
        boolean walFilesExisted = Files.exists(walFile(absolute, "-wal")) || Files.exists(walFile(absolute, "-shm"));
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        // BEGIN IMMEDIATE takes a write lock, which a read-only connection cannot
        config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        Connection connection = null;
        try {
            connection = config.createConnection("jdbc:sqlite:" + absolute);
            List<String> tables = new ArrayList<>();
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            SqliteRuntime runtime = new SqliteRuntime(connection, description, true, walFilesExisted ? null : absolute);
            try {
                List<String> required = new ArrayList<>(registryTables());
                required.add(SqliteSql.FLOAT_EXCEPTIONS);
                runtime.requireTables(required, tables, "the file");
            } catch (RuntimeException e) {
                runtime.close();
                throw e;
            }
            return runtime;
        } catch (SQLException e) {
            closeQuietly(connection, e);
            if (e.getErrorCode() == SQLITE_NOTADB) {
                throw new PersistenceException(Problem.NO_JOURNAL, description + ": not a SQLite database, so no journal", e);
            }
            throw new PersistenceException(Problem.DATABASE, description + ": cannot open: " + FailureText.of(e), e);
        }
    }

    private static Path walFile(Path database, String suffix) {
        return database.resolveSibling(database.getFileName() + suffix);
    }

    /** The database of run {@code runId} under a runs directory: {@code runsDirectory/RUN_ID.sqlite}. */
    public static SqliteRuntime forRun(Path runsDirectory, String runId) {
        if (runId == null || !runId.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new PersistenceException(Problem.INVALID_INPUT, "run id '" + runId + "' must be letters, digits, '.', '_' or '-'");
        }
        return open(runsDirectory.resolve(runId + ".sqlite"));
    }

    /** A private in-memory database, gone when closed. */
    public static SqliteRuntime inMemory() {
        return open("jdbc:sqlite::memory:", "sqlite::memory:", false);
    }

    private static SqliteRuntime open(String url, String description, boolean file) {
        SQLiteConfig config = new SQLiteConfig();
        if (file) {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        }
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        config.setGetGeneratedKeys(false);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection connection = null;
        try {
            connection = config.createConnection(url);
            try (Statement st = connection.createStatement()) {
                for (String ddl : SqliteSql.DDL) {
                    st.execute(ddl);
                }
                st.execute(SqliteSessionCatalog.TRACE_DDL);
            }
            describe(connection, SqliteSql.registryDescriptions());
            return new SqliteRuntime(connection, description, false, null);
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw new PersistenceException(Problem.DATABASE, description + ": cannot open: " + FailureText.of(e), e);
        }
    }

    private static void closeQuietly(Connection connection, SQLException failure) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException suppressed) {
                failure.addSuppressed(suppressed);
            }
        }
    }

    /** The journal mode SQLite reports ({@code wal} for files, {@code memory} in memory). */
    public String journalMode() {
        return inTransaction("reading the journal mode", c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    // ------------------------------------------------------------------ sessions

    @Override
    protected void ensureJournals(Connection c, Collection<Schema> schemas) throws SQLException {
        for (Schema schema : schemas) {
            try (Statement st = c.createStatement()) {
                st.execute(SqliteSql.createJournal(schema));
            }
            String journal = JournalNames.journalTable(schema);
            List<String> actual = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(" + SqliteSql.q(journal) + ")")) {
                while (rs.next()) {
                    actual.add(rs.getString("name") + " " + rs.getString("type"));
                }
            }
            checkJournalColumns(journal, schema, actual, SqliteSql.expectedColumns(schema));
            writeDescriptions(c, SqliteSql.journalDescriptions(schema));
        }
    }

    /** Keeps the registry's descriptions current, in one transaction (one sync, not one per row). */
    private static void describe(Connection connection, List<String[]> rows) throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            writeDescriptions(connection, rows);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    private static void writeDescriptions(Connection connection, List<String[]> rows) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(SqliteSql.UPSERT_DESCRIPTION)) {
            for (String[] row : rows) {
                upsert.setString(1, row[0]);
                upsert.setString(2, row[1]);
                upsert.setString(3, row[2]);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    // ------------------------------------------------------------------ persist

    @Override
    protected PersistOutcome writeTick(Connection c, SessionLayout layout, World world, TickDigest digest, PersistOptions options) throws SQLException {
        UUID session = layout.sessionId();
        long tick = world.tick();
        if (options.writesInPart()) {
            throw new PersistenceException(Problem.TIER_MISFIT, description + ": tick " + tick + " of session " + session + " writes some "
                    + "tables in part (a sparse or once-per-session tier); SQLite keeps every table whole at every tick, so journal "
                    + "into it without tiers, or keep the tiers on PostgreSQL");
        }
        PersistOutcome outcome = PersistOutcome.STORED;
        try (PreparedStatement q = prepare(c, SqliteSql.SELECT_TICK_HASHES, session)) {
            q.setLong(2, tick);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    outcome = storedTickOutcome(session, tick, digest, rs.getBytes(1), rs.getBytes(2), options);
                    if (outcome == PersistOutcome.UNCHANGED) {
                        return outcome;
                    }
                }
            }
        }
        if (outcome == PersistOutcome.OVERWRITTEN) {
            for (Schema schema : layout.schemas().values()) {
                executeForTick(c, SqliteSql.deleteRows(schema), session, tick);
            }
            // cascades to tick_table, tick_event and float_exception
            executeForTick(c, SqliteSql.DELETE_TICK, session, tick);
        }
        insertTick(c, SqliteSql.INSERT_TICK, session, world, digest);
        try (PreparedStatement tickTable = c.prepareStatement(SqliteSql.INSERT_TICK_TABLE);
             PreparedStatement exceptions = c.prepareStatement(SqliteSql.INSERT_FLOAT_EXCEPTION)) {
            for (Table table : world.tables()) {
                writeRows(c, session, tick, table, exceptions, options.progress(), where(session, tick, table.name()));
                addTickTableRow(tickTable, session, tick, table);
            }
            tickTable.executeBatch();
            exceptions.executeBatch();
        }
        if (!options.events().isEmpty()) {
            try (PreparedStatement insert = c.prepareStatement(SqliteSql.INSERT_EVENT)) {
                List<TickEvent> events = options.events();
                for (int i = 0; i < events.size(); i++) {
                    TickEvent event = events.get(i);
                    bindSession(insert, 1, session);
                    insert.setLong(2, tick);
                    insert.setInt(3, i);
                    insert.setString(4, event.kind());
                    if (event.hasEntity()) {
                        insert.setLong(5, event.entityId());
                    } else {
                        insert.setNull(5, Types.BIGINT);
                    }
                    insert.setString(6, event.payloadJson());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        return outcome;
    }

    private void writeRows(Connection c, UUID session, long tick, Table table, PreparedStatement exceptions, PersistProgress progress, String where)
            throws SQLException {
        LiveRows live = LiveRows.of(table);
        try (PreparedStatement insert = c.prepareStatement(SqliteSql.insertRow(table.schema()))) {
            live.insertJournalRows(insert, tick, BATCH_ROWS, progress, (row, slot) -> {
                bindSession(row, 1, session);
                for (int col = 0; col < live.columns(); col++) {
                    int p = 5 + col;
                    if (!table.columnLayout(col).isScalar()) {
                        bindOtherKind(row, p, table, col, slot);
                        continue;
                    }
                    switch (live.type(col)) {
                        case I8: row.setInt(p, live.getByte(col, slot)); break;
                        case U8: row.setInt(p, live.getByte(col, slot) & 0xFF); break;
                        case I16: row.setInt(p, live.getShort(col, slot)); break;
                        case U16: row.setInt(p, live.getShort(col, slot) & 0xFFFF); break;
                        case I32: row.setInt(p, live.getInt(col, slot)); break;
                        case U32: row.setLong(p, live.getInt(col, slot) & 0xFFFF_FFFFL); break;
                        case I64: case U64: row.setLong(p, live.getLong(col, slot)); break;
                        case F32: {
                            int bits = live.getInt(col, slot);
                            setFloat(row, p, Float.intBitsToFloat(bits), bits == Integer.MIN_VALUE, bits & 0xFFFF_FFFFL,
                                    exceptions, session, tick, table, col, slot);
                            break;
                        }
                        case F64: {
                            long bits = live.getLong(col, slot);
                            setFloat(row, p, Double.longBitsToDouble(bits), bits == Long.MIN_VALUE, bits, exceptions, session, tick, table, col, slot);
                            break;
                        }
                        case BOOL: row.setInt(p, live.getBool(col, slot, where) ? 1 : 0); break;
                        default: throw new AssertionError(live.type(col));
                    }
                }
            });
        }
    }

    /**
     * Binds a value of a column of another kind than scalar: an array row's stored bytes as a BLOB, a categorical or
     * {@code str} row's string, a {@code json} row's canonical text, a {@code str[]} row as a JSON array of strings.
     */
    private static void bindOtherKind(PreparedStatement row, int p, Table table, int column, long slot) throws SQLException {
        switch (table.columnKind(column)) {
            case ARRAY: {
                byte[] bytes = new byte[table.valueLength(column, slot)];
                table.readValue(column, slot, java.nio.ByteBuffer.wrap(bytes));
                row.setBytes(p, bytes);
                break;
            }
            case STRING_LIST:
                row.setString(p, JsonText.stringArray(table.getStrings(column, slot)));
                break;
            default:
                row.setString(p, table.getString(column, slot));
                break;
        }
    }

    /** Reads a value of a column of another kind than scalar into {@code filler}, as {@link #bindOtherKind} wrote it. */
    private static void readOtherKind(ResultSet rs, int p, Schema schema, SlotFiller filler, int column, long slot, String where) throws SQLException {
        switch (schema.column(column).kind()) {
            case ARRAY:
                filler.putArrayBytes(column, slot, rs.getBytes(p));
                break;
            case CATEGORICAL: {
                byte[] utf8 = rs.getBytes(p);
                if (utf8 == null) {
                    throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": column '" + schema.column(column).name() + "' slot " + slot + " is NULL");
                }
                filler.putCategory(column, slot, utf8, 0, utf8.length);
                break;
            }
            case STRING_LIST: {
                List<String> items;
                try {
                    items = JsonText.parseStringArray(String.valueOf(rs.getString(p)));
                } catch (IllegalArgumentException e) {
                    throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": column '" + schema.column(column).name() + "' slot "
                            + slot + ": " + e.getMessage(), e);
                }
                filler.putStrings(column, slot, items);
                break;
            }
            default:
                filler.putString(column, slot, String.valueOf(rs.getString(p)));
                break;
        }
    }

    /**
     * Binds a float value; NaN (which SQLite turns into NULL) and -0.0 (which it turns into 0.0) are bound as
     * NULL and 0.0, and their exact bits are recorded as an exception.
     */
    private void setFloat(PreparedStatement insert, int p, double value, boolean negativeZero, long bits, PreparedStatement exceptions,
                          UUID session, long tick, Table table, int column, long slot) throws SQLException {
        if (Double.isNaN(value) || negativeZero) {
            if (negativeZero) {
                insert.setDouble(p, 0.0);
            } else {
                insert.setNull(p, Types.DOUBLE);
            }
            bindSession(exceptions, 1, session);
            exceptions.setLong(2, tick);
            exceptions.setString(3, table.name());
            exceptions.setLong(4, slot);
            exceptions.setString(5, table.schema().column(column).name());
            exceptions.setLong(6, bits);
            exceptions.addBatch();
        } else {
            insert.setDouble(p, value);
        }
    }

    // ------------------------------------------------------------------ hydrate

    @Override
    protected void readRows(Connection c, UUID session, long tick, Schema schema, SlotFiller filler, String where) throws SQLException {
        Set<Long> nulls = readJournalRows(c, session, tick, schema, filler);
        applyExceptions(c, session, tick, schema, filler, nulls, where);
    }

    /** Reads the tick's rows into the filler; returns the (slot, column) keys of float NULLs, which exceptions must fill. */
    private Set<Long> readJournalRows(Connection c, UUID session, long tick, Schema schema, SlotFiller filler) throws SQLException {
        int columns = schema.columnCount();
        ColumnType[] types = new ColumnType[columns];
        for (int col = 0; col < columns; col++) {
            types[col] = schema.column(col).type();
        }
        Set<Long> nulls = new HashSet<>();
        try (PreparedStatement q = prepare(c, SqliteSql.selectRows(schema), session)) {
            q.setLong(2, tick);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long entityId = rs.getLong(1);
                    long slot = filler.startRow(rs.getLong(2), entityId);
                    for (int col = 0; col < columns; col++) {
                        int p = 3 + col;
                        if (!schema.column(col).layout().isScalar()) {
                            readOtherKind(rs, p, schema, filler, col, slot, description);
                            continue;
                        }
                        switch (types[col]) {
                            case I8: filler.putByte(col, slot, (byte) filler.inRange(col, slot, rs.getLong(p), -128, 127)); break;
                            case U8: filler.putByte(col, slot, (byte) filler.inRange(col, slot, rs.getLong(p), 0, 255)); break;
                            case BOOL: filler.putByte(col, slot, (byte) filler.inRange(col, slot, rs.getLong(p), 0, 1)); break;
                            case I16: filler.putShort(col, slot, (short) filler.inRange(col, slot, rs.getLong(p), Short.MIN_VALUE, Short.MAX_VALUE)); break;
                            case U16: filler.putShort(col, slot, (short) filler.inRange(col, slot, rs.getLong(p), 0, 0xFFFF)); break;
                            case I32: filler.putInt(col, slot, (int) filler.inRange(col, slot, rs.getLong(p), Integer.MIN_VALUE, Integer.MAX_VALUE)); break;
                            case U32: filler.putInt(col, slot, (int) filler.inRange(col, slot, rs.getLong(p), 0, 0xFFFF_FFFFL)); break;
                            case I64: case U64: filler.putLong(col, slot, rs.getLong(p)); break;
                            case F32: {
                                double v = rs.getDouble(p);
                                if (rs.wasNull()) {
                                    nulls.add(slot * columns + col);
                                }
                                filler.putInt(col, slot, Float.floatToRawIntBits((float) v));
                                break;
                            }
                            case F64: {
                                double v = rs.getDouble(p);
                                if (rs.wasNull()) {
                                    nulls.add(slot * columns + col);
                                }
                                filler.putLong(col, slot, Double.doubleToRawLongBits(v));
                                break;
                            }
                            default: throw new AssertionError(types[col]);
                        }
                    }
                }
            }
        }
        return nulls;
    }

    private void applyExceptions(Connection c, UUID session, long tick, Schema schema, SlotFiller filler, Set<Long> nulls, String where)
            throws SQLException {
        try (PreparedStatement q = prepare(c, SqliteSql.SELECT_FLOAT_EXCEPTIONS, session)) {
            q.setLong(2, tick);
            q.setString(3, schema.name());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long slot = rs.getLong(1);
                    int column = schema.indexOf(rs.getString(2));
                    if (column < 0 || !schema.column(column).layout().isScalar() || !schema.column(column).type().isFloat()) {
                        throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": a float exception names column '" + rs.getString(2)
                                + "', which is not a float column of the table");
                    }
                    filler.correct(column, slot, rs.getLong(3));
                    nulls.remove(slot * schema.columnCount() + column);
                }
            }
        }
        if (!nulls.isEmpty()) {
            long key = nulls.iterator().next();
            throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": column '" + schema.column((int) (key % schema.columnCount())).name()
                    + "' slot " + key / schema.columnCount() + " is NULL with no exact value recorded (" + nulls.size() + " such values)");
        }
    }

    // ------------------------------------------------------------------ sessions

    @Override
    protected SessionCatalog catalog() {
        return catalog;
    }

    @Override
    protected synchronized AutoCloseable lease(UUID sessionId) {
        try {
            return SqliteSessionCatalog.lease(SqliteSessionCatalog.databaseFile(connection), sessionId, description);
        } catch (SQLException e) {
            throw new PersistenceException(Problem.DATABASE, description + ": cannot find the database file: " + FailureText.of(e), e);
        }
    }

    // ------------------------------------------------------------------ plumbing

    @Override
    protected void bindSession(PreparedStatement statement, int index, UUID session) throws SQLException {
        statement.setString(index, session.toString());
    }

    /** Runs {@code work} in one transaction on the connection, holding this runtime's lock: one transaction at a time. */
    @Override
    protected synchronized <T> T inTransaction(String what, SqlWork<T> work) {
        ensureOpen();
        try {
            return transact(connection, what, work);
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                // the next transaction sets it again
            }
        }
    }

    @Override
    public synchronized void close() {
        if (!markClosed()) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            throw new PersistenceException(Problem.DATABASE, description + ": closing failed: " + FailureText.of(e), e);
        }
        if (walFilesToRemove != null) {
            removeWalFilesLeftByReading(walFilesToRemove);
        }
    }

    /**
     * Reading a WAL-mode database creates its {@code -wal} and {@code -shm} files, and a read-only connection cannot
     * remove them: only the last connection able to write checkpoints the (here empty) log and deletes both when it
     * closes. So one such connection is opened and closed, writing nothing ({@code query_only}, an empty log leaves
     * the database file as it was). SQLite's own locking decides whether it is the last: while a writer is still at
     * work, the files stay, and are the writer's to remove.
     */
    private static void removeWalFilesLeftByReading(Path database) {
        if (!Files.exists(walFile(database, "-wal")) && !Files.exists(walFile(database, "-shm"))) {
            return;
        }
        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        config.setBusyTimeout(10_000);
        try (Connection c = config.createConnection("jdbc:sqlite:" + database); Statement st = c.createStatement()) {
            st.execute("PRAGMA query_only = ON");
            // a connection that never read has not joined the log, and closing it would leave the files alone
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
                rs.next();
            }
        } catch (SQLException e) {
            // the files stay: SQLite ignores a stale empty log and the next writer reuses it
        }
    }
}
