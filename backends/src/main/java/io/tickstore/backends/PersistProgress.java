package io.tickstore.backends;

/**
 * Told how far a {@link RuntimePersistence#persistTick} has got, after every chunk of rows handed to the database
 * (a COPY buffer for PostgreSQL, a statement batch for SQLite). It runs on the persisting thread, inside the
 * tick's transaction.
 *
 * <p>Throwing from it cancels the persist: the transaction is rolled back, the tick stays absent and the exception
 * reaches the caller unchanged. That makes it the way to abort a large write, and the way tests stop a persist
 * half-way.
 */
@FunctionalInterface
public interface PersistProgress {
    /** Does nothing. */
    PersistProgress NONE = (table, rowsWritten, rowsTotal) -> { };

    /**
     * @param table       the world table being written
     * @param rowsWritten rows of that table handed to the database so far
     * @param rowsTotal   rows the table has
     */
    void rowsWritten(String table, long rowsWritten, long rowsTotal);
}
