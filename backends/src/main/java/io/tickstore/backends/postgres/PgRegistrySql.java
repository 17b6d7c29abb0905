package io.tickstore.backends.postgres;

import static io.tickstore.backends.internal.journal.JournalNames.EVENTS;
import static io.tickstore.backends.internal.journal.JournalNames.METADATA;
import static io.tickstore.backends.internal.journal.JournalNames.SESSIONS;
import static io.tickstore.backends.internal.journal.JournalNames.SESSION_TABLES;
import static io.tickstore.backends.internal.journal.JournalNames.TICKS;
import static io.tickstore.backends.internal.journal.JournalNames.TICK_LOGS;
import static io.tickstore.backends.internal.journal.JournalNames.TICK_TABLES;

import io.tickstore.backends.internal.journal.JdbcRuntime;
import io.tickstore.backends.internal.journal.JournalDescriptions;
import io.tickstore.backends.internal.journal.JournalNames;
import java.util.List;
import java.util.Map;

/**
 * The SQL of the registry tables in one PostgreSQL schema: their DDL (idempotent) and every statement the runtime
 * runs against them. Built once per runtime; every name is quoted.
 */
final class PgRegistrySql {
    static final String TICK_SUMMARIES = "tick_summary";

    final String schema;
    final List<String> ddl;
    final String lockDdl;
    final String insertSession;
    final String insertSessionTable;
    final String selectSessionTables;
    final String insertTickIfAbsent;
    final String selectTickForUpdate;
    final String updateTick;
    final String deleteTickTables;
    final String deleteEvents;
    final String insertTickTable;
    final String copyEvents;
    final String selectTick;
    final String selectLatestTick;
    final String selectTickTables;
    /** The tick registry's table, qualified: a table journaled in part is read back from its latest whole tick. */
    final String tickTables;
    final String selectTicks;
    final String selectEvents;
    final String upsertTickLog;
    final String selectTickLog;
    final String upsertMetadata;
    final String selectMetadata;
    final String upsertSummary;
    final String selectSummaries;

    PgRegistrySql(String schemaName) {
        this.schema = JournalNames.quote(schemaName);
        String sessions = table(SESSIONS);
        String sessionTables = table(SESSION_TABLES);
        String ticks = table(TICKS);
        String tickTables = table(TICK_TABLES);
        this.tickTables = tickTables;
        String events = table(EVENTS);
        String logs = table(TICK_LOGS);
        String metadata = table(METADATA);
        String summaries = table(TICK_SUMMARIES);
        List<String> ddl = new java.util.ArrayList<>(List.of(
                "CREATE SCHEMA IF NOT EXISTS " + schema,
                "CREATE TABLE IF NOT EXISTS " + sessions + " (session_id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now())",
                "CREATE TABLE IF NOT EXISTS " + sessionTables + " (session_id uuid NOT NULL REFERENCES " + sessions + " ON DELETE CASCADE,"
                        + " table_name text NOT NULL, journal_table text NOT NULL, schema_json jsonb NOT NULL,"
                        + " PRIMARY KEY (session_id, table_name))",
                "CREATE TABLE IF NOT EXISTS " + ticks + " (session_id uuid NOT NULL REFERENCES " + sessions + " ON DELETE CASCADE,"
                        + " tick bigint NOT NULL, world_hash bytea NOT NULL, events_hash bytea NOT NULL, rng_state bytea NOT NULL,"
                        + " total_rows bigint NOT NULL, persisted_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (session_id, tick))",
                "CREATE TABLE IF NOT EXISTS " + tickTables + " (session_id uuid NOT NULL, tick bigint NOT NULL, table_name text NOT NULL,"
                        + " row_count bigint NOT NULL, next_entity_id bigint NOT NULL, PRIMARY KEY (session_id, tick, table_name),"
                        + " FOREIGN KEY (session_id, tick) REFERENCES " + ticks + " ON DELETE CASCADE)",
                "CREATE TABLE IF NOT EXISTS " + events + " (session_id uuid NOT NULL, tick bigint NOT NULL, seq integer NOT NULL,"
                        + " kind text NOT NULL, entity_id bigint, payload jsonb NOT NULL, PRIMARY KEY (session_id, tick, seq),"
                        + " FOREIGN KEY (session_id, tick) REFERENCES " + ticks + " ON DELETE CASCADE)",
                "CREATE TABLE IF NOT EXISTS " + logs + " (session_id uuid NOT NULL REFERENCES " + sessions + " ON DELETE CASCADE,"
                        + " tick bigint NOT NULL, rng_state bytea, mutations jsonb, invariant_checks jsonb, wall_time_ms double precision,"
                        + " system_timings jsonb, logged_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (session_id, tick))",
                "CREATE TABLE IF NOT EXISTS " + metadata + " (session_id uuid NOT NULL REFERENCES " + sessions + " ON DELETE CASCADE,"
                        + " key text NOT NULL, value text NOT NULL, PRIMARY KEY (session_id, key))",
                "CREATE TABLE IF NOT EXISTS " + summaries + " (session_id uuid NOT NULL, tick bigint NOT NULL, table_name text NOT NULL,"
                        + " column_name text NOT NULL, row_count bigint NOT NULL, min_value double precision, max_value double precision,"
                        + " mean_value double precision, PRIMARY KEY (session_id, tick, table_name, column_name),"
                        + " FOREIGN KEY (session_id, tick) REFERENCES " + ticks + " ON DELETE CASCADE)"));
        ddl.add("CREATE OR REPLACE VIEW " + table(JournalDescriptions.SESSIONS_VIEW) + " AS " + JournalDescriptions.sessionsQuery(this::table));
        ddl.addAll(comments());
        this.ddl = List.copyOf(ddl);
        // concurrent CREATE ... IF NOT EXISTS can still collide in the catalogue; one lock per schema serialises them
        this.lockDdl = "SELECT pg_advisory_xact_lock(hashtext(?))";
        this.insertSession = "INSERT INTO " + sessions + " (session_id) VALUES (?) ON CONFLICT DO NOTHING";
        this.insertSessionTable = "INSERT INTO " + sessionTables + " (session_id, table_name, journal_table, schema_json) VALUES (?, ?, ?, ?::jsonb)";
        this.selectSessionTables = "SELECT table_name, schema_json::text FROM " + sessionTables + " WHERE session_id = ? ORDER BY table_name";
        this.insertTickIfAbsent = "INSERT INTO " + ticks + " (session_id, tick, world_hash, events_hash, rng_state, total_rows)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        this.selectTickForUpdate = "SELECT world_hash, events_hash FROM " + ticks + " WHERE session_id = ? AND tick = ? FOR UPDATE";
        this.updateTick = "UPDATE " + ticks + " SET world_hash = ?, events_hash = ?, rng_state = ?, total_rows = ?, persisted_at = now()"
                + " WHERE session_id = ? AND tick = ?";
        this.deleteTickTables = "DELETE FROM " + tickTables + " WHERE session_id = ? AND tick = ?";
        this.deleteEvents = "DELETE FROM " + events + " WHERE session_id = ? AND tick = ?";
        this.insertTickTable = "INSERT INTO " + tickTables + " (session_id, tick, table_name, row_count, next_entity_id) VALUES (?, ?, ?, ?, ?)";
        this.copyEvents = "COPY " + events + " (session_id, tick, seq, kind, entity_id, payload) FROM STDIN (FORMAT binary)";
        this.selectTick = "SELECT tick, world_hash, rng_state FROM " + ticks + " WHERE session_id = ? AND tick = ?";
        this.selectLatestTick = "SELECT tick, world_hash, rng_state FROM " + ticks + " WHERE session_id = ? ORDER BY tick DESC LIMIT 1";
        this.selectTicks = "SELECT tick FROM " + ticks + " WHERE session_id = ? ORDER BY tick";
        this.selectTickTables = "SELECT table_name, row_count, next_entity_id FROM " + tickTables + " WHERE session_id = ? AND tick = ?";
        this.selectEvents = "SELECT kind, entity_id, payload::text FROM " + events + " WHERE session_id = ? AND tick = ? ORDER BY seq";
        this.upsertTickLog = "INSERT INTO " + logs + " (session_id, tick, rng_state, mutations, invariant_checks, wall_time_ms, system_timings)"
                + " VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb) ON CONFLICT (session_id, tick) DO UPDATE SET rng_state = EXCLUDED.rng_state,"
                + " mutations = EXCLUDED.mutations, invariant_checks = EXCLUDED.invariant_checks, wall_time_ms = EXCLUDED.wall_time_ms,"
                + " system_timings = EXCLUDED.system_timings, logged_at = now()";
        this.selectTickLog = "SELECT rng_state, mutations::text, invariant_checks::text, wall_time_ms, system_timings::text FROM " + logs
                + " WHERE session_id = ? AND tick = ?";
        this.upsertMetadata = "INSERT INTO " + metadata + " (session_id, key, value) VALUES (?, ?, ?)"
                + " ON CONFLICT (session_id, key) DO UPDATE SET value = EXCLUDED.value";
        this.selectMetadata = "SELECT value FROM " + metadata + " WHERE session_id = ? AND key = ?";
        this.upsertSummary = "INSERT INTO " + summaries + " (session_id, tick, table_name, column_name, row_count, min_value, max_value, mean_value)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, tick, table_name, column_name) DO UPDATE SET"
                + " row_count = EXCLUDED.row_count, min_value = EXCLUDED.min_value, max_value = EXCLUDED.max_value, mean_value = EXCLUDED.mean_value";
        this.selectSummaries = "SELECT tick, row_count, min_value, max_value, mean_value FROM " + summaries
                + " WHERE session_id = ? AND table_name = ? AND column_name = ? ORDER BY tick";
    }

    /** The statements {@link JdbcRuntime} runs against the registry. */
    JdbcRuntime.Statements statements() {
        return new JdbcRuntime.Statements(insertSession, insertSessionTable, selectSessionTables, selectTick, selectLatestTick, selectTickTables,
                selectEvents, upsertTickLog, selectTickLog, upsertMetadata, selectMetadata, selectTicks);
    }

    /** COMMENT ON every registry table, the sessions view and their columns: a journal explains itself in psql's \\d+. */
    private List<String> comments() {
        List<String> comments = new java.util.ArrayList<>();
        Map<String, Map<String, String>> columns = JournalDescriptions.columns();
        for (Map.Entry<String, String> t : JournalDescriptions.tables().entrySet()) {
            String name = t.getKey();
            if (name.equals("float_exception") || name.equals(JournalDescriptions.DESCRIPTIONS)) {
                continue; // SQLite's alone
            }
            String kind = name.equals(JournalDescriptions.SESSIONS_VIEW) ? "VIEW " : "TABLE ";
            comments.add("COMMENT ON " + kind + table(name) + " IS " + JournalDescriptions.literal(t.getValue()));
            for (Map.Entry<String, String> c : columns.get(name).entrySet()) {
                comments.add("COMMENT ON COLUMN " + table(name) + "." + JournalNames.quote(c.getKey()) + " IS "
                        + JournalDescriptions.literal(c.getValue()));
            }
        }
        return comments;
    }

    /** A table of this schema, quoted. */
    String table(String name) {
        return schema + "." + JournalNames.quote(name);
    }
}
