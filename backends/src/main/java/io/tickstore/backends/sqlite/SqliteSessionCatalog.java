package io.tickstore.backends.sqlite;

import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.SessionDataset;
import io.tickstore.backends.internal.journal.JournalNames;
import io.tickstore.backends.internal.journal.SessionCatalog;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.trace.TraceBatch;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sessions in a SQLite journal: one file, no partitions, so deleting a session deletes its rows. A writer's lease is
 * an exclusive lock on {@code DATABASE-session-<id>.lock} beside the database (the kernel releases it when the
 * process dies); a listing probes that file, if it exists, with a shared lock it releases at once, and creates
 * nothing. Bytes are estimated from each table's share of the file.
 */
final class SqliteSessionCatalog extends SessionCatalog {
    SqliteSessionCatalog(Binder binder) {
        super(binder);
    }

    static final String TRACE_DDL = "CREATE TABLE IF NOT EXISTS " + JournalNames.quote(TRACES) + " (session_id TEXT NOT NULL, tick INTEGER NOT NULL,"
            + " seq INTEGER NOT NULL, system TEXT NOT NULL, event TEXT NOT NULL, level INTEGER NOT NULL, node_id INTEGER, value_a REAL,"
            + " value_b REAL, data TEXT, PRIMARY KEY (session_id, tick, seq)) STRICT, WITHOUT ROWID";

    @Override
    protected String table(String name) {
        return JournalNames.quote(name);
    }

    @Override
    protected boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    protected List<SessionDataset> extraDatasets() {
        return List.of(new SessionDataset(SqliteSql.FLOAT_EXCEPTIONS, table(SqliteSql.FLOAT_EXCEPTIONS), "session_id",
                List.of("tick", "table_name", "slot", "column_name")));
    }

    /** The database file, or null for an in-memory database. */
    static Path databaseFile(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("PRAGMA database_list"); ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                if ("main".equals(rs.getString(2))) {
                    String file = rs.getString(3);
                    return file == null || file.isEmpty() ? null : Path.of(file);
                }
            }
        }
        return null;
    }

    static Path leaseFile(Path database, UUID session) {
        return database.resolveSibling(database.getFileName() + "-session-" + session + ".lock");
    }

    @Override
    protected boolean isHeld(Connection c, UUID session) throws SQLException {
        Path database = databaseFile(c);
        if (database == null) {
            return false;
        }
        Path lease = leaseFile(database, session);
        if (!Files.exists(lease)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lease, StandardOpenOption.READ)) {
            FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;    // this JVM holds it
        } catch (IOException e) {
            return false;
        }
    }

    /** Takes the session's lease: an exclusive lock on its lock file, held until the returned lease is closed. */
    static AutoCloseable lease(Path database, UUID session, String description) {
        if (database == null) {
            return () -> { };
        }
        Path file = leaseFile(database, session);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new PersistenceException(Problem.SESSION_ACTIVE, description + ": session " + session + " is being written by another writer ("
                        + file + " is locked)");
            }
            FileLock held = lock;
            return () -> {
                try {
                    Files.deleteIfExists(file);
                } finally {
                    held.release();
                    channel.close();
                }
            };
        } catch (IOException e) {
            throw new PersistenceException(Problem.DATABASE, description + ": cannot take the lease of session " + session + ": " + file + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    protected Bytes bytes(Connection c, UUID session, List<SessionDataset> datasets, Map<String, Long> rows) throws SQLException {
        long pageSize;
        try (PreparedStatement q = c.prepareStatement("PRAGMA page_size"); ResultSet rs = q.executeQuery()) {
            rs.next();
            pageSize = rs.getLong(1);
        }
        long total = 0;
        for (SessionDataset d : datasets) {
            long sessionRows = rows.getOrDefault(d.name(), 0L);
            if (sessionRows == 0) {
                continue;
            }
            long tableRows;
            try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM " + d.table()); ResultSet rs = q.executeQuery()) {
                rs.next();
                tableRows = Math.max(1, rs.getLong(1));
            }
            long tableBytes = tableBytes(c, d.name(), pageSize);
            total += (long) ((double) tableBytes * sessionRows / tableRows);
        }
        return new Bytes(total, false);
    }

    /** A table's pages (dbstat when SQLite was built with it, else its rows times an average row's bytes). */
    private static long tableBytes(Connection c, String table, long pageSize) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = ?")) {
            q.setString(1, table);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException noDbstat) {
            try (PreparedStatement q = c.prepareStatement("PRAGMA page_count"); ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1) * pageSize / 8;
            }
        }
    }

    @Override
    protected void deleteRows(Connection c, UUID session, List<SessionDataset> datasets) throws SQLException {
        deleteWithStatements(c, session, datasets);
    }

    @Override
    public void persistTraces(Connection c, UUID session, TraceBatch batch) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table(TRACES) + " WHERE session_id = ? AND tick = ?")) {
            binder.bind(delete, 1, session);
            delete.setLong(2, batch.tick());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table(TRACES)
                + " (session_id, tick, seq, system, event, level, node_id, value_a, value_b, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            TraceBatch.Cursor e = batch.cursor();
            int pending = 0;
            while (e.next()) {
                binder.bind(insert, 1, session);
                insert.setLong(2, batch.tick());
                insert.setInt(3, e.seq());
                insert.setString(4, e.system());
                insert.setString(5, e.event());
                insert.setInt(6, e.level().value());
                if (e.hasNode()) {
                    insert.setLong(7, e.node());
                } else {
                    insert.setNull(7, Types.INTEGER);
                }
                if (e.hasA() && !Double.isNaN(e.a())) {
                    insert.setDouble(8, e.a());
                } else {
                    insert.setNull(8, Types.REAL);
                }
                if (e.hasB() && !Double.isNaN(e.b())) {
                    insert.setDouble(9, e.b());
                } else {
                    insert.setNull(9, Types.REAL);
                }
                insert.setString(10, e.payload());
                insert.addBatch();
                if (++pending == 1_000) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }
}
