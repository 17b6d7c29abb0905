package io.tickstore.export;

import io.tickstore.snapshot.eventlog.Codebook;
import io.tickstore.snapshot.eventlog.EventCursor;
import io.tickstore.snapshot.eventlog.EventLogReader;
import io.tickstore.snapshot.eventlog.ValueKind;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The two post-processors: a log (or the records a query selects) as CSV, or as a SQLite database. Both write
 * under a temporary name in the target's directory and rename when complete, so a failure leaves no partial file
 * and an existing file is replaced only by a whole new one. CSV may also go to a FIFO or a character device as a
 * stream; SQLite needs a regular file. Nothing else is ever replaced ({@link OutputTarget}).
 *
 * <h2>CSV</h2>
 * Header {@code tick,entity,key,value}, then one line per record in log order: the key's name from the codebook,
 * the value as {@link EventCursor#valueText()} prints it (the bytes of a bytes key in hex). Key names and symbols are quoted (RFC 4180) when they
 * hold a comma, quote or line break.
 *
 * <h2>SQLite</h2>
 * <pre>
 * keys(code INTEGER PRIMARY KEY, name TEXT, kind TEXT)          the codebook's keys
 * symbols(code INTEGER PRIMARY KEY, text TEXT)                   the codebook's symbols
 * events(tick INTEGER, entity INTEGER, key INTEGER, value)       one row per record, in log order; value is a REAL for
 *                                                                f64 keys, an INTEGER for i64, symbol and raw keys,
 *                                                                a BLOB of the bytes for bytes keys (array rows and
 *                                                                variable-length values), NULL for keys without a value
 * events_named (view)                                            events joined with keys: seq (the events rowid: log
 *                                                                order), tick, entity, key name, value
 * index events_by_entity(entity, tick), events_by_tick(tick)
 * </pre>
 */
public final class EventLogExport {
    private static final int BATCH = 10_000;

    private EventLogExport() {
    }

    /** Every record of the log as CSV to {@code out}; returns the records written. */
    public static long toCsv(EventLogReader log, Path out) throws IOException {
        return toCsv(log, OutputTarget.of(out));
    }

    /** Every record of the log as CSV to {@code out}, a file or a stream; returns the records written. */
    public static long toCsv(EventLogReader log, OutputTarget out) throws IOException {
        return out.writeText(writer -> toCsv(log, writer));
    }

    /** Every record of the log as CSV to {@code out} (flushed, not closed); returns the records written. */
    public static long toCsv(EventLogReader log, Writer out) throws IOException {
        out.write("tick,entity,key,value\n");
        StringBuilder line = new StringBuilder(96);
        long[] count = {0};
        log.forEach(e -> {
            line.setLength(0);
            line.append(e.tick()).append(',').append(e.entityId()).append(',').append(csv(e.keyName())).append(',')
                    .append(e.kind() == ValueKind.SYMBOL ? csv(e.valueText()) : e.valueText()).append('\n');
            out.write(line.toString());
            count[0]++;
        });
        out.flush();
        return count[0];
    }

    static String csv(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** Every record of the log as a SQLite database at {@code out} (see the class comment); returns the records written. */
    public static long toSqlite(EventLogReader log, Path out) throws IOException {
        return toSqlite(log, OutputTarget.of(out));
    }

    /** The same into {@code out}, which must be a regular file or nothing yet: SQLite cannot write a stream. */
    public static long toSqlite(EventLogReader log, OutputTarget out) throws IOException {
        return out.writeFile("a SQLite database", temp -> {
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + temp.toAbsolutePath())) {
                return fillSqlite(log, db);
            } catch (SQLException e) {
                throw new IOException("writing SQLite database " + out.path() + " failed: " + e.getMessage(), e);
            }
        });
    }

    private static long fillSqlite(EventLogReader log, Connection db) throws SQLException, IOException {
        db.setAutoCommit(false);
        try (Statement ddl = db.createStatement()) {
            ddl.execute("PRAGMA journal_mode=OFF");
            ddl.execute("CREATE TABLE keys(code INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL)");
            ddl.execute("CREATE TABLE symbols(code INTEGER PRIMARY KEY, text TEXT NOT NULL)");
            ddl.execute("CREATE TABLE events(tick INTEGER NOT NULL, entity INTEGER NOT NULL, key INTEGER NOT NULL, value)");
        }
        Codebook codebook = log.codebook();
        try (PreparedStatement keys = db.prepareStatement("INSERT INTO keys VALUES (?, ?, ?)")) {
            for (int code = 0; code < codebook.keyCount(); code++) {
                keys.setInt(1, code);
                keys.setString(2, codebook.keyName(code));
                keys.setString(3, codebook.keyKind(code).jsonName());
                keys.addBatch();
            }
            keys.executeBatch();
        }
        try (PreparedStatement symbols = db.prepareStatement("INSERT INTO symbols VALUES (?, ?)")) {
            for (int code = 0; code < codebook.symbolCount(); code++) {
                symbols.setInt(1, code);
                symbols.setString(2, codebook.symbolText(code));
                symbols.addBatch();
            }
            symbols.executeBatch();
        }
        long[] count = {0};
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO events VALUES (?, ?, ?, ?)")) {
            log.forEach(e -> {
                try {
                    insert.setLong(1, e.tick());
                    insert.setLong(2, e.entityId());
                    insert.setInt(3, e.key());
                    switch (e.kind()) {
                        case F64: insert.setDouble(4, Double.longBitsToDouble(e.valueBits())); break;
                        case SYMBOL: insert.setLong(4, (long) Double.longBitsToDouble(e.valueBits())); break;
                        case NONE: insert.setNull(4, java.sql.Types.NULL); break;
                        case BYTES: {
                            java.nio.ByteBuffer bytes = e.valueBytes();
                            byte[] blob = new byte[bytes.remaining()];
                            bytes.get(blob);
                            insert.setBytes(4, blob);
                            break;
                        }
                        default: insert.setLong(4, e.valueBits()); break;
                    }
                    insert.addBatch();
                    if (++count[0] % BATCH == 0) {
                        insert.executeBatch();
                    }
                } catch (SQLException ex) {
                    throw new IOException("inserting " + e.location() + " failed: " + ex.getMessage(), ex);
                }
            });
            insert.executeBatch();
        }
        try (Statement ddl = db.createStatement()) {
            ddl.execute("CREATE INDEX events_by_entity ON events(entity, tick)");
            ddl.execute("CREATE INDEX events_by_tick ON events(tick)");
            ddl.execute("CREATE VIEW events_named AS SELECT e.rowid AS seq, e.tick, e.entity, k.name AS key, e.value"
                    + " FROM events e JOIN keys k ON k.code = e.key");
        }
        db.commit();
        return count[0];
    }
}
