package io.tickstore.backends;

import io.tickstore.columns.trace.TraceBatch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * A backend's sessions as things to list, look at, trace into, export and delete. Both backends are one
 * ({@code Backends.open(spec) instanceof SessionStore}); {@link Journal} and the archive module use it, and
 * {@code ./tickstore sessions} prints it.
 *
 * <p>On PostgreSQL every journal table and the trace table are partitioned by session (LIST): a session's rows live
 * in partitions of its own, created when the session is registered, and deleting the session drops them in one
 * statement (no dead tuples, no VACUUM). On SQLite deleting a session deletes its rows.
 */
public interface SessionStore {
    /** Every session, oldest first. */
    List<SessionInfo> sessions();

    /** One session; {@code UNKNOWN_SESSION} when there is none with that id. */
    SessionInfo session(UUID sessionId);

    /**
     * Deletes every row of the session from every table, in one transaction; returns what it held. A session a writer
     * is journaling into right now is refused ({@code SESSION_ACTIVE}), as is an unknown one ({@code UNKNOWN_SESSION}).
     */
    SessionInfo deleteSession(UUID sessionId);

    /**
     * Marks the session as being written by this process until the lease is closed, so that listings say
     * {@code running} (not {@code crashed}) and deletion refuses it. The journal takes one for its recording.
     */
    AutoCloseable holdSession(UUID sessionId);

    /**
     * Stores one flushed tick of trace events into {@code trace_log}: binary COPY into the session's UNLOGGED
     * partition on PostgreSQL, batched inserts on SQLite.
     */
    void persistTraces(UUID sessionId, TraceBatch batch);

    /** The tables holding rows of the session, as an archive exports them. */
    List<SessionDataset> datasets(UUID sessionId);

    /** Reads the session's rows of {@code dataset} in key order, in one read-only transaction, streaming. */
    void readDataset(UUID sessionId, SessionDataset dataset, RowReader reader);

    /** Reads a result set row by row; the set is open during the call only. */
    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }
}
