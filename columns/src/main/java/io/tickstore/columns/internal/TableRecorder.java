package io.tickstore.columns.internal;

/**
 * Follows every row change of one table as it happens: what a recording attaches so that a recorded world's
 * writes reach its event log by construction. A user never implements or calls it; the recording attaches one
 * per table ({@link io.tickstore.columns.Table#attachRecorder}) and detaches it when it closes.
 *
 * <p>The contract that makes replay exact: applying the reported changes, in order, to a copy of the table as
 * it was when the recorder was attached ({@code addRow(entityId)} for {@link #added}, {@code removeEntity} for
 * {@link #removed}, {@code setBits} at the entity's slot for {@link #set}) yields the same rows in the same
 * slots, byte for byte.
 *
 * <p>Calls come from the thread writing the table, right after each change, and must not block or allocate.
 */
public interface TableRecorder {
    /** A row was appended for {@code entityId}, every column at its default; writes of its values follow. */
    void added(long entityId);

    /** The entity's row was swap-removed. */
    void removed(long entityId);

    /** Column {@code column} of the entity's row now holds {@code bits} (as {@link Table#getBits} returns them). */
    void set(long entityId, int column, long bits);
}
