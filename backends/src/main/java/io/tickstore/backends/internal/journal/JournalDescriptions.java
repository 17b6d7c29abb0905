package io.tickstore.backends.internal.journal;

import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every table, view and column of a journal holds, in words, for an analyst who opens the database with psql or
 * sqlite3: PostgreSQL keeps them as comments ({@code \d+ tickstore.tick}, {@code obj_description}), SQLite in the
 * table {@value #DESCRIPTIONS} (no comments there). One text for both backends, so they explain themselves alike;
 * and the {@value #SESSIONS_VIEW} view that lists the sessions with their run, seed, status and ticks.
 */
public final class JournalDescriptions {
    /** The view of the sessions: one row each, with its run's name, seed and status and its first and last tick. */
    public static final String SESSIONS_VIEW = "sessions";
    /** SQLite's table of descriptions ({@code table_name}, {@code column_name} ('' for the table), {@code description}). */
    public static final String DESCRIPTIONS = "descriptions";

    private static final String SESSION = "the session (one journaled run) the row belongs to";

    private JournalDescriptions() {
    }

    /** Every registry table and view either backend has, with its description. */
    public static Map<String, String> tables() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put(JournalNames.SESSIONS, "One row per session: a run journaled by ./tickstore run --persist (or a program's Journal)."
                + " See the sessions view for its run, seed, status and ticks");
        t.put(JournalNames.SESSION_TABLES, "The world tables of each session: their schema and the journal table their rows go to");
        t.put(JournalNames.TICKS, "One row per journaled tick of each session: its content hashes and generator state. A tick is"
                + " stored whole in one transaction, rows and events included, or not at all");
        t.put(JournalNames.TICK_TABLES, "Per journaled tick and world table: its row count and the entity id its next row gets");
        t.put(JournalNames.EVENTS, "What happened during a tick, stored with the journaled tick: births and deaths of rows"
                + " (kind birth or death, the entity, payload {\"table\": ..., \"tick\": ...}) and a program's own events");
        t.put(JournalNames.TICK_LOGS, "Per tick (journaled or not): wall time, time per system, generator state");
        t.put(JournalNames.METADATA, "Key-value facts of each session: run, simulation, seed, entities, start_tick, end_tick,"
                + " status, last_interruption");
        t.put("tick_summary", "PostgreSQL only: per journaled tick, world table and column, the row count and the column's"
                + " minimum, maximum and mean, computed by the server");
        t.put("float_exception", "SQLite only: the exact bits of float values a REAL column cannot hold (NaN, stored there as"
                + " NULL, and -0.0, stored as 0.0), applied when a tick is loaded back");
        t.put(SessionCatalog.TRACES, "What the simulation's systems traced (./tickstore run --trace LEVEL): one row per trace"
                + " event, flushed after its tick. On PostgreSQL an UNLOGGED table partitioned by session, one partition each,"
                + " dropped with the session");
        t.put(SESSIONS_VIEW, "The sessions: one row each with its run, simulation, seed, status and the first and last of its"
                + " journaled ticks (status running after a crash too, until the run is resumed)");
        t.put(DESCRIPTIONS, "SQLite only: what every table, view and column of this database holds (column_name '' for the"
                + " table itself)");
        return t;
    }

    /** The columns of every registry table and view, with their descriptions. */
    public static Map<String, Map<String, String>> columns() {
        Map<String, Map<String, String>> c = new LinkedHashMap<>();
        c.put(JournalNames.SESSIONS, columns("session_id", "the session's id (run.json of its run keeps it as journal.session)",
                "created_at", "when the session was registered"));
        c.put(JournalNames.SESSION_TABLES, columns("session_id", SESSION, "table_name", "the world table",
                "journal_table", "the journal table its rows go to: <table>_v<schema version>",
                "schema_json", "the table's schema as JSON: columns, types, defaults, versions (the form a snapshot's manifest"
                        + " holds it in)"));
        c.put(JournalNames.TICKS, columns("session_id", SESSION, "tick", "the tick",
                "world_hash", "SHA-256 content hash of the world at this tick (what ./tickstore replay and hydrate print)",
                "events_hash", "SHA-256 of the tick's events", "rng_state", "the simulation's generator state after the tick",
                "total_rows", "live rows across the world's tables", "persisted_at", "when the tick was stored"));
        c.put(JournalNames.TICK_TABLES, columns("session_id", SESSION, "tick", "the tick", "table_name", "the world table",
                "row_count", "its live rows at the tick", "next_entity_id", "the entity id its next new row gets"));
        c.put(JournalNames.EVENTS, columns("session_id", SESSION, "tick", "the journaled tick the event is stored with",
                "seq", "the event's place among the tick's events", "kind", "birth, death, or a program's own kind",
                "entity_id", "the entity the event is about (NULL for none)",
                "payload", "JSON; births and deaths: {\"table\": TABLE, \"tick\": the tick it happened in}"));
        c.put(JournalNames.TICK_LOGS, columns("session_id", SESSION, "tick", "the tick",
                "rng_state", "the generator state after the tick (journaled ticks)", "mutations", "a program's own JSON",
                "invariant_checks", "a program's own JSON", "wall_time_ms", "the tick's wall time in milliseconds",
                "system_timings", "JSON object: milliseconds per system", "logged_at", "when the log row was written"));
        c.put(JournalNames.METADATA, columns("session_id", SESSION, "key", "the fact's name", "value", "its value, as text"));
        c.put("tick_summary", columns("session_id", SESSION, "tick", "the tick", "table_name", "the world table",
                "column_name", "the column", "row_count", "rows summarised", "min_value", "the column's minimum",
                "max_value", "its maximum", "mean_value", "its mean"));
        c.put("float_exception", columns("session_id", SESSION, "tick", "the tick", "table_name", "the world table",
                "slot", "the row's slot", "column_name", "the column", "bits", "the value's exact bits"));
        c.put(SessionCatalog.TRACES, columns("session_id", SESSION, "tick", "the tick the event happened in",
                "seq", "the event's place among the tick's events", "system", "the system that traced it",
                "event", "what happened", "level", "its trace level: 1 SUMMARY, 2 DEBUG, 3 TRACE",
                "node_id", "the entity or node it is about (NULL for none)", "value_a", "the event's first number",
                "value_b", "its second number", "data", "JSON built only when the level was enabled (NULL for none)"));
        c.put(SESSIONS_VIEW, columns("session", "the session's id", "run", "the run's name (its directory under the store)",
                "simulation", "the simulation that made it", "seed", "its random seed",
                "status", "running, completed, stopped, failed or interrupted", "first_tick", "its first journaled tick",
                "last_tick", "its last journaled tick", "ticks", "how many ticks it has journaled",
                "created_at", "when it was registered"));
        c.put(DESCRIPTIONS, columns("table_name", "a table or view of this database", "column_name", "one of its columns, or ''"
                + " for the table itself", "description", "what it holds"));
        return c;
    }

    /** A journal table's description. */
    public static String journalTable(Schema schema) {
        return "Journal of world table '" + schema.name() + "' at schema version " + schema.version() + ": one row per live"
                + " entity per journaled tick, for every session whose world has this schema; values exact";
    }

    /** A journal table's columns, key columns first, with their descriptions. */
    public static Map<String, String> journalColumns(Schema schema, boolean sqlite) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(JournalNames.SESSION_ID, SESSION);
        c.put(JournalNames.TICK, "the journaled tick");
        c.put(JournalNames.ENTITY_ID, "the entity: its stable id, never reused");
        c.put(JournalNames.SLOT, "the row's place in the table at the tick (hydrate restores this order)");
        for (ColumnSpec column : schema.columns()) {
            String text = schema.name() + "." + column.name() + ": " + column.type().typeName() + ", since schema version "
                    + column.sinceVersion() + ", default " + column.defaultValue();
            if (sqlite && column.type().isFloat()) {
                text += "; NaN is NULL here and -0.0 is 0.0, their exact bits in float_exception";
            } else if (sqlite && column.type() == ColumnType.U64) {
                text += "; stored as its two's-complement bits, so values above 2^63 read negative";
            } else if (!sqlite && column.type() == ColumnType.U64) {
                text += "; numeric, since PostgreSQL has no unsigned 64-bit type";
            }
            c.put(column.name(), text);
        }
        return c;
    }

    /**
     * The sessions view's query over the registry tables named by {@code table} (a qualified, quoted name for each
     * registry table's name).
     */
    public static String sessionsQuery(java.util.function.UnaryOperator<String> table) {
        String metadata = table.apply(JournalNames.METADATA);
        String ticks = table.apply(JournalNames.TICKS);
        StringBuilder sql = new StringBuilder("SELECT s.session_id AS session");
        for (String key : new String[] {"run", "simulation", "seed", "status"}) {
            sql.append(", (SELECT m.value FROM ").append(metadata).append(" m WHERE m.session_id = s.session_id AND m.key = '")
                    .append(key).append("') AS ").append(key);
        }
        sql.append(", (SELECT min(t.tick) FROM ").append(ticks).append(" t WHERE t.session_id = s.session_id) AS first_tick");
        sql.append(", (SELECT max(t.tick) FROM ").append(ticks).append(" t WHERE t.session_id = s.session_id) AS last_tick");
        sql.append(", (SELECT count(*) FROM ").append(ticks).append(" t WHERE t.session_id = s.session_id) AS ticks");
        sql.append(", s.created_at FROM ").append(table.apply(JournalNames.SESSIONS)).append(" s");
        return sql.toString();
    }

    /** Text as an SQL string literal. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static Map<String, String> columns(String... namesAndTexts) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            map.put(namesAndTexts[i], namesAndTexts[i + 1]);
        }
        return map;
    }
}
