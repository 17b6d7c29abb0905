package io.tickstore.backends.sqlite;

import static io.tickstore.backends.internal.journal.JournalNames.ENTITY_ID;
import static io.tickstore.backends.internal.journal.JournalNames.EVENTS;
import static io.tickstore.backends.internal.journal.JournalNames.METADATA;
import static io.tickstore.backends.internal.journal.JournalNames.SESSIONS;
import static io.tickstore.backends.internal.journal.JournalNames.SESSION_ID;
import static io.tickstore.backends.internal.journal.JournalNames.SESSION_TABLES;
import static io.tickstore.backends.internal.journal.JournalNames.SLOT;
import static io.tickstore.backends.internal.journal.JournalNames.TICK;
import static io.tickstore.backends.internal.journal.JournalNames.TICKS;
import static io.tickstore.backends.internal.journal.JournalNames.TICK_LOGS;
import static io.tickstore.backends.internal.journal.JournalNames.TICK_TABLES;

import io.tickstore.backends.internal.journal.JdbcRuntime;
import io.tickstore.backends.internal.journal.JournalDescriptions;
import io.tickstore.backends.internal.journal.JournalNames;
import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SQLite DDL and statements. Tables are {@code STRICT} (a value of the wrong type fails instead of being
 * coerced); journal tables are {@code WITHOUT ROWID}, clustered on their primary key.
 *
 * <pre>
 *   i8 u8 i16 u16 i32 u32 i64 bool   INTEGER NOT NULL (u64 as its two's-complement bits)
 *   f32 f64                          REAL, NULL for NaN; see {@link #FLOAT_EXCEPTIONS}
 *   f32[768], f64[4,3], ...          BLOB NOT NULL: the row's elements as the table stores them (little-endian,
 *                                    row-major), so every bit comes back, NaN payloads included
 *   cat&lt;u16&gt;, str                    TEXT NOT NULL: the string
 *   json                             TEXT NOT NULL: the canonical JSON text
 *   str[]                            TEXT NOT NULL: a JSON array of the strings
 * </pre>
 */
final class SqliteSql {
    /**
     * Values a REAL column cannot hold exactly: SQLite stores NaN as NULL and -0.0 as 0.0. The journal keeps the
     * readable value (NULL, 0.0) and this table keeps the exact bits, applied on hydrate.
     */
    static final String FLOAT_EXCEPTIONS = "float_exception";
    private static final String NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";

    static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS " + q(JournalDescriptions.DESCRIPTIONS) + " (table_name TEXT NOT NULL, column_name TEXT NOT NULL,"
                    + " description TEXT NOT NULL, PRIMARY KEY (table_name, column_name)) STRICT",
            "CREATE TABLE IF NOT EXISTS " + q(SESSIONS) + " (session_id TEXT PRIMARY KEY, created_at TEXT NOT NULL DEFAULT " + NOW + ") STRICT",
            "CREATE TABLE IF NOT EXISTS " + q(SESSION_TABLES) + " (session_id TEXT NOT NULL REFERENCES " + q(SESSIONS) + " ON DELETE CASCADE,"
                    + " table_name TEXT NOT NULL, journal_table TEXT NOT NULL, schema_json TEXT NOT NULL, PRIMARY KEY (session_id, table_name)) STRICT",
            "CREATE TABLE IF NOT EXISTS " + q(TICKS) + " (session_id TEXT NOT NULL REFERENCES " + q(SESSIONS) + " ON DELETE CASCADE,"
                    + " tick INTEGER NOT NULL, world_hash BLOB NOT NULL, events_hash BLOB NOT NULL, rng_state BLOB NOT NULL,"
                    + " total_rows INTEGER NOT NULL, persisted_at TEXT NOT NULL DEFAULT " + NOW + ", PRIMARY KEY (session_id, tick)) STRICT",
            "CREATE TABLE IF NOT EXISTS " + q(TICK_TABLES) + " (session_id TEXT NOT NULL, tick INTEGER NOT NULL, table_name TEXT NOT NULL,"
                    + " row_count INTEGER NOT NULL, next_entity_id INTEGER NOT NULL, PRIMARY KEY (session_id, tick, table_name),"
                    + " FOREIGN KEY (session_id, tick) REFERENCES " + q(TICKS) + " ON DELETE CASCADE) STRICT",
            "CREATE TABLE IF NOT EXISTS " + q(EVENTS) + " (session_id TEXT NOT NULL, tick INTEGER NOT NULL, seq INTEGER NOT NULL,"
                    + " kind TEXT NOT NULL, entity_id INTEGER, payload TEXT NOT NULL, PRIMARY KEY (session_id, tick, seq),"
                    + " FOREIGN KEY (session_id, tick) REFERENCES " + q(TICKS) + " ON DELETE CASCADE) STRICT",
            "CREATE TABLE IF NOT EXISTS " + q(FLOAT_EXCEPTIONS) + " (session_id TEXT NOT NULL, tick INTEGER NOT NULL, table_name TEXT NOT NULL,"
                    + " slot INTEGER NOT NULL, column_name TEXT NOT NULL, bits INTEGER NOT NULL,"
                    + " PRIMARY KEY (session_id, tick, table_name, slot, column_name),"
                    + " FOREIGN KEY (session_id, tick) REFERENCES " + q(TICKS) + " ON DELETE CASCADE) STRICT, WITHOUT ROWID",
            "CREATE TABLE IF NOT EXISTS " + q(TICK_LOGS) + " (session_id TEXT NOT NULL REFERENCES " + q(SESSIONS) + " ON DELETE CASCADE,"
                    + " tick INTEGER NOT NULL, rng_state BLOB, mutations TEXT, invariant_checks TEXT, wall_time_ms REAL, system_timings TEXT,"
                    + " logged_at TEXT NOT NULL DEFAULT " + NOW + ", PRIMARY KEY (session_id, tick)) STRICT",
            "CREATE TABLE IF NOT EXISTS " + q(METADATA) + " (session_id TEXT NOT NULL REFERENCES " + q(SESSIONS) + " ON DELETE CASCADE,"
                    + " key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (session_id, key)) STRICT",
            "CREATE VIEW IF NOT EXISTS " + q(JournalDescriptions.SESSIONS_VIEW) + " AS " + JournalDescriptions.sessionsQuery(SqliteSql::q));

    static final String UPSERT_DESCRIPTION = "INSERT INTO " + q(JournalDescriptions.DESCRIPTIONS) + " (table_name, column_name, description)"
            + " VALUES (?, ?, ?) ON CONFLICT (table_name, column_name) DO UPDATE SET description = excluded.description";

    static final String INSERT_SESSION = "INSERT INTO " + q(SESSIONS) + " (session_id) VALUES (?) ON CONFLICT DO NOTHING";
    static final String INSERT_SESSION_TABLE = "INSERT INTO " + q(SESSION_TABLES) + " (session_id, table_name, journal_table, schema_json) VALUES (?, ?, ?, ?)";
    static final String SELECT_SESSION_TABLES = "SELECT table_name, schema_json FROM " + q(SESSION_TABLES) + " WHERE session_id = ? ORDER BY table_name";
    static final String SELECT_TICK_HASHES = "SELECT world_hash, events_hash FROM " + q(TICKS) + " WHERE session_id = ? AND tick = ?";
    static final String INSERT_TICK = "INSERT INTO " + q(TICKS) + " (session_id, tick, world_hash, events_hash, rng_state, total_rows) VALUES (?, ?, ?, ?, ?, ?)";
    static final String DELETE_TICK = "DELETE FROM " + q(TICKS) + " WHERE session_id = ? AND tick = ?";
    static final String INSERT_TICK_TABLE = "INSERT INTO " + q(TICK_TABLES) + " (session_id, tick, table_name, row_count, next_entity_id) VALUES (?, ?, ?, ?, ?)";
    static final String INSERT_EVENT = "INSERT INTO " + q(EVENTS) + " (session_id, tick, seq, kind, entity_id, payload) VALUES (?, ?, ?, ?, ?, ?)";
    static final String INSERT_FLOAT_EXCEPTION = "INSERT INTO " + q(FLOAT_EXCEPTIONS) + " (session_id, tick, table_name, slot, column_name, bits) VALUES (?, ?, ?, ?, ?, ?)";
    static final String SELECT_FLOAT_EXCEPTIONS = "SELECT slot, column_name, bits FROM " + q(FLOAT_EXCEPTIONS)
            + " WHERE session_id = ? AND tick = ? AND table_name = ?";
    static final String SELECT_TICK = "SELECT tick, world_hash, rng_state FROM " + q(TICKS) + " WHERE session_id = ? AND tick = ?";
    static final String SELECT_LATEST_TICK = "SELECT tick, world_hash, rng_state FROM " + q(TICKS) + " WHERE session_id = ? ORDER BY tick DESC LIMIT 1";
    static final String SELECT_TICKS = "SELECT tick FROM " + q(TICKS) + " WHERE session_id = ? ORDER BY tick";
    static final String SELECT_TICK_TABLES = "SELECT table_name, row_count, next_entity_id FROM " + q(TICK_TABLES) + " WHERE session_id = ? AND tick = ?";
    static final String SELECT_EVENTS = "SELECT kind, entity_id, payload FROM " + q(EVENTS) + " WHERE session_id = ? AND tick = ? ORDER BY seq";
    static final String UPSERT_TICK_LOG = "INSERT INTO " + q(TICK_LOGS) + " (session_id, tick, rng_state, mutations, invariant_checks, wall_time_ms, system_timings)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, tick) DO UPDATE SET rng_state = excluded.rng_state, mutations = excluded.mutations,"
            + " invariant_checks = excluded.invariant_checks, wall_time_ms = excluded.wall_time_ms, system_timings = excluded.system_timings,"
            + " logged_at = " + NOW;
    static final String SELECT_TICK_LOG = "SELECT rng_state, mutations, invariant_checks, wall_time_ms, system_timings FROM " + q(TICK_LOGS)
            + " WHERE session_id = ? AND tick = ?";
    static final String UPSERT_METADATA = "INSERT INTO " + q(METADATA) + " (session_id, key, value) VALUES (?, ?, ?)"
            + " ON CONFLICT (session_id, key) DO UPDATE SET value = excluded.value";
    static final String SELECT_METADATA = "SELECT value FROM " + q(METADATA) + " WHERE session_id = ? AND key = ?";
    /** The statements {@link JdbcRuntime} runs against the registry. */
    static final JdbcRuntime.Statements STATEMENTS = new JdbcRuntime.Statements(INSERT_SESSION, INSERT_SESSION_TABLE, SELECT_SESSION_TABLES,
            SELECT_TICK, SELECT_LATEST_TICK, SELECT_TICK_TABLES, SELECT_EVENTS, UPSERT_TICK_LOG, SELECT_TICK_LOG, UPSERT_METADATA, SELECT_METADATA, SELECT_TICKS);

    private SqliteSql() {
    }

    /** The descriptions of SQLite's registry tables, the sessions view and their columns, as (table, column, text) rows. */
    static List<String[]> registryDescriptions() {
        List<String[]> rows = new ArrayList<>();
        java.util.Map<String, java.util.Map<String, String>> columns = JournalDescriptions.columns();
        JournalDescriptions.tables().forEach((table, text) -> {
            if (!table.equals("tick_summary")) {
                rows.add(new String[] {table, "", text});
                columns.get(table).forEach((column, about) -> rows.add(new String[] {table, column, about}));
            }
        });
        return rows;
    }

    /** The descriptions of a journal table and its columns, as (table, column, text) rows. */
    static List<String[]> journalDescriptions(Schema schema) {
        String journal = JournalNames.journalTable(schema);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {journal, "", JournalDescriptions.journalTable(schema)});
        JournalDescriptions.journalColumns(schema, true).forEach((column, text) -> rows.add(new String[] {journal, column, text}));
        return rows;
    }

    /** The SQLite declared type of a scalar column. */
    static String sqlType(ColumnType type) {
        return type.isFloat() ? "REAL" : "INTEGER";
    }

    /** The SQLite declared type of a column of any kind. */
    static String sqlType(ColumnSpec column) {
        switch (column.kind()) {
            case SCALAR: return sqlType(column.type());
            case ARRAY: return "BLOB";
            default: return "TEXT";
        }
    }

    /** Whether a column's journal values may be NULL: a scalar float's NaN is stored as NULL, nothing else is. */
    static boolean nullable(ColumnSpec column) {
        return column.kind() == ColumnKind.SCALAR && column.type().isFloat();
    }

    static String createJournal(Schema schema) {
        StringJoiner columns = new StringJoiner(", ");
        for (ColumnSpec column : schema.columns()) {
            // NaN is stored as NULL, so float columns are the only nullable ones
            columns.add(q(column.name()) + " " + sqlType(column) + (nullable(column) ? "" : " NOT NULL"));
        }
        return "CREATE TABLE IF NOT EXISTS " + q(JournalNames.journalTable(schema)) + " (" + q(SESSION_ID) + " TEXT NOT NULL, " + q(TICK)
                + " INTEGER NOT NULL, " + q(ENTITY_ID) + " INTEGER NOT NULL, " + q(SLOT) + " INTEGER NOT NULL, " + columns + ", PRIMARY KEY ("
                + q(SESSION_ID) + ", " + q(TICK) + ", " + q(ENTITY_ID) + ")) STRICT, WITHOUT ROWID";
    }

    /** {@code name type} of every column, as {@code PRAGMA table_info} reports them for a journal of this schema. */
    static List<String> expectedColumns(Schema schema) {
        List<String> out = new ArrayList<>(List.of(SESSION_ID + " TEXT", TICK + " INTEGER", ENTITY_ID + " INTEGER", SLOT + " INTEGER"));
        for (ColumnSpec column : schema.columns()) {
            out.add(column.name() + " " + sqlType(column));
        }
        return out;
    }

    static String insertRow(Schema schema) {
        StringJoiner names = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        for (String key : List.of(SESSION_ID, TICK, ENTITY_ID, SLOT)) {
            names.add(q(key));
            values.add("?");
        }
        for (ColumnSpec column : schema.columns()) {
            names.add(q(column.name()));
            values.add("?");
        }
        return "INSERT INTO " + q(JournalNames.journalTable(schema)) + " (" + names + ") VALUES (" + values + ")";
    }

    static String selectRows(Schema schema) {
        StringJoiner names = new StringJoiner(", ");
        names.add(q(ENTITY_ID));
        names.add(q(SLOT));
        for (ColumnSpec column : schema.columns()) {
            names.add(q(column.name()));
        }
        return "SELECT " + names + " FROM " + q(JournalNames.journalTable(schema)) + " WHERE " + q(SESSION_ID) + " = ? AND " + q(TICK) + " = ?";
    }

    static String deleteRows(Schema schema) {
        return "DELETE FROM " + q(JournalNames.journalTable(schema)) + " WHERE " + q(SESSION_ID) + " = ? AND " + q(TICK) + " = ?";
    }

    static String q(String name) {
        return JournalNames.quote(name);
    }
}
