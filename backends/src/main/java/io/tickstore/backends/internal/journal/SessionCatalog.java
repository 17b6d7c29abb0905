package io.tickstore.backends.internal.journal;

import io.tickstore.backends.SessionDataset;
import io.tickstore.backends.SessionInfo;
import io.tickstore.columns.trace.TraceBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The SQL behind {@link io.tickstore.backends.SessionStore}, shared by both backends: which tables hold a session's
 * rows, how many rows and bytes, its status, and deleting it. A backend supplies what differs: how a session id is
 * bound, its extra tables, how bytes are measured, how a writer's lease is seen, how rows are removed (PostgreSQL
 * drops the session's partitions) and how traces are written.
 */
public abstract class SessionCatalog {
    /** The trace table: one row per trace event. */
    public static final String TRACES = "trace_log";
    /** The metadata key a journal writes its status under. */
    public static final String STATUS_KEY = "status";

    /** Binds a session id as the backend stores it. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement, int index, UUID session) throws SQLException;
    }

    protected final Binder binder;

    protected SessionCatalog(Binder binder) {
        this.binder = binder;
    }

    /** A table of the journal, quoted (and schema-qualified where the backend has schemas). */
    protected abstract String table(String name);

    /** Whether the table called {@code name} exists (a journal written before traces has no trace table). */
    protected abstract boolean exists(Connection c, String name) throws SQLException;

    /** The backend's own session-scoped tables beyond the shared ones (PostgreSQL's tick_summary, SQLite's float_exception). */
    protected abstract List<SessionDataset> extraDatasets();

    /** Whether a writer holds the session right now. */
    protected abstract boolean isHeld(Connection c, UUID session) throws SQLException;

    /** Bytes the session's rows take: measured when it has partitions of its own, else estimated. */
    protected abstract Bytes bytes(Connection c, UUID session, List<SessionDataset> datasets, Map<String, Long> rows) throws SQLException;

    /** Removes every row of the session from {@code datasets}, registry rows last. */
    protected abstract void deleteRows(Connection c, UUID session, List<SessionDataset> datasets) throws SQLException;

    /** Writes one tick of traces. */
    public abstract void persistTraces(Connection c, UUID session, TraceBatch batch) throws SQLException;

    /** Bytes, and whether they were measured. */
    public record Bytes(long bytes, boolean exact) {
    }

    private SessionDataset registry(String name, String sessionColumn, String... orderBy) {
        return new SessionDataset(name, table(name), sessionColumn, List.of(orderBy));
    }

    /** The session's tables: the registry rows, every journal table it uses, the backend's own, and its traces. */
    public List<SessionDataset> datasets(Connection c, UUID session) throws SQLException {
        List<SessionDataset> out = new ArrayList<>();
        out.add(registry(JournalNames.SESSIONS, "session_id"));
        out.add(registry(JournalNames.SESSION_TABLES, "session_id", "table_name"));
        out.add(registry(JournalNames.METADATA, "session_id", "key"));
        out.add(registry(JournalNames.TICKS, "session_id", "tick"));
        out.add(registry(JournalNames.TICK_TABLES, "session_id", "tick", "table_name"));
        out.add(registry(JournalNames.EVENTS, "session_id", "tick", "seq"));
        out.add(registry(JournalNames.TICK_LOGS, "session_id", "tick"));
        out.addAll(extraDatasets());
        out.add(registry(TRACES, "session_id", "tick", "seq"));
        List<SessionDataset> present = new ArrayList<>();
        for (SessionDataset d : out) {
            if (exists(c, d.name())) {    // a journal written before traces (or summaries) has no such table
                present.add(d);
            }
        }
        out = present;
        try (PreparedStatement q = c.prepareStatement("SELECT journal_table FROM " + table(JournalNames.SESSION_TABLES)
                + " WHERE session_id = ? ORDER BY journal_table")) {
            binder.bind(q, 1, session);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String journal = rs.getString(1);
                    out.add(new SessionDataset(journal, table(journal), JournalNames.SESSION_ID, List.of(JournalNames.TICK, JournalNames.ENTITY_ID)));
                }
            }
        }
        return out;
    }

    /** Every session id, oldest first. */
    public List<UUID> ids(Connection c) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT session_id FROM " + table(JournalNames.SESSIONS) + " ORDER BY created_at, session_id");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                ids.add(UUID.fromString(rs.getString(1)));
            }
        }
        return ids;
    }

    /** What the backend holds of the session, or null when it does not know it. */
    public SessionInfo describe(Connection c, UUID session) throws SQLException {
        Instant created;
        try (PreparedStatement q = c.prepareStatement("SELECT created_at FROM " + table(JournalNames.SESSIONS) + " WHERE session_id = ?")) {
            binder.bind(q, 1, session);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                created = instant(rs.getString(1));
            }
        }
        Map<String, String> metadata = new TreeMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT key, value FROM " + table(JournalNames.METADATA) + " WHERE session_id = ?")) {
            binder.bind(q, 1, session);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    metadata.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        long first = -1;
        long last = -1;
        long ticks = 0;
        try (PreparedStatement q = c.prepareStatement("SELECT min(tick), max(tick), count(*) FROM " + table(JournalNames.TICKS) + " WHERE session_id = ?")) {
            binder.bind(q, 1, session);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                ticks = rs.getLong(3);
                if (ticks > 0) {
                    first = rs.getLong(1);
                    last = rs.getLong(2);
                }
            }
        }
        List<SessionDataset> datasets = datasets(c, session);
        Map<String, Long> rows = new LinkedHashMap<>();
        for (SessionDataset d : datasets) {
            try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM " + d.table() + " WHERE " + JournalNames.quote(d.sessionColumn()) + " = ?")) {
                binder.bind(q, 1, session);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    rows.put(d.name(), rs.getLong(1));
                }
            }
        }
        Bytes bytes = bytes(c, session, datasets, rows);
        String status = status(metadata.get(STATUS_KEY), isHeld(c, session));
        return new SessionInfo(session, status, created, first, last, ticks, rows, bytes.bytes(), bytes.exact(), metadata);
    }

    /**
     * The status a listing shows: {@code running} only while a writer holds the session; a journal that says running
     * with no writer holding it was killed ({@code crashed}).
     */
    static String status(String recorded, boolean held) {
        if (held) {
            return SessionInfo.RUNNING;
        }
        if (recorded == null) {
            return SessionInfo.UNKNOWN;
        }
        return SessionInfo.RUNNING.equals(recorded) ? SessionInfo.CRASHED : recorded;
    }

    /** Deletes the session's rows from every table; the caller has checked that no writer holds it. */
    public void delete(Connection c, UUID session) throws SQLException {
        deleteRows(c, session, datasets(c, session));
    }

    /** Deletes the session's rows of each dataset with a plain DELETE, dependents first and the session row last. */
    protected final void deleteWithStatements(Connection c, UUID session, List<SessionDataset> datasets) throws SQLException {
        List<SessionDataset> order = new ArrayList<>(datasets);
        // the registry rows others reference go last: tick after tick_table and tick_event, session last of all
        order.sort((a, b) -> Integer.compare(deleteRank(a.name()), deleteRank(b.name())));
        for (SessionDataset d : order) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + d.table() + " WHERE " + JournalNames.quote(d.sessionColumn()) + " = ?")) {
                binder.bind(delete, 1, session);
                delete.executeUpdate();
            }
        }
    }

    private static int deleteRank(String name) {
        switch (name) {
            case JournalNames.SESSIONS:
                return 3;
            case JournalNames.SESSION_TABLES:
            case JournalNames.TICKS:
                return 2;
            default:
                return 1;
        }
    }

    private static Instant instant(String text) {
        if (text == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(text);
        } catch (RuntimeException notIso) {
            try {
                return java.time.OffsetDateTime.parse(text.replace(' ', 'T'), java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (RuntimeException notOffset) {
                try {
                    // PostgreSQL's text form: 2026-11-28 18:40:01.123456+00
                    return java.time.OffsetDateTime.parse(text.replace(' ', 'T') + (text.matches(".*[+-]\\d\\d$") ? ":00" : "")).toInstant();
                } catch (RuntimeException unknown) {
                    return Instant.EPOCH;
                }
            }
        }
    }
}
