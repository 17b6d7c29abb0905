package io.tickstore.backends;

import java.io.OutputStream;
import java.util.List;
import java.util.UUID;

/**
 * What only the PostgreSQL backend does, beyond {@link RuntimePersistence}: server-side analytics over journaled
 * ticks and server-side export. The SQLite backend does not implement this interface, so a caller asks
 * {@code backend instanceof PostgresExtensions} (as {@link Journal} does) instead of calling methods that
 * would silently do nothing.
 */
public interface PostgresExtensions {

    /**
     * Creates the database schema and the registry tables when they are missing; safe to call any number of times,
     * from any number of processes at once. {@code Backends.open} calls it.
     */
    void initSchema();

    /**
     * Computes, inside the database, the row count and the minimum, maximum and mean of every column of every table
     * of a stored tick, and records them in the {@code tick_summary} table (replacing an earlier summary of the same
     * tick). Throws {@link TickstoreException.Problem#NO_SUCH_TICK} when the tick is not stored.
     */
    void summarizeTick(UUID sessionId, long tick);

    /** The recorded summaries of one column over every summarized tick, by tick. */
    List<ColumnSummary> columnSummaries(UUID sessionId, String table, String column);

    /**
     * Writes one table of a stored tick as CSV with a header row (entity id, then the table's columns, rows in slot
     * order), formatted by the server ({@code COPY ... TO STDOUT}). Returns the number of rows written. Unsigned
     * columns are written as their values, not their bits.
     */
    long exportCsv(UUID sessionId, long tick, String table, OutputStream out);
}
