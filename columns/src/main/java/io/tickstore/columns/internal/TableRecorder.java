package io.tickstore.columns.internal;

/**
 * Follows every row change of one table as it happens: what a recording attaches so that a recorded world's
 * writes reach its event log by construction. A user never implements or calls it; the recording attaches one
 * per table ({@link io.tickstore.columns.Table#attachRecorder}) and detaches it when it closes.
 *
 * <p>The contract that makes replay exact: applying the reported changes, in order, to a copy of the table as
 * it was when the recorder was attached ({@code addRow(entityId)} for {@link #added}, {@code removeEntity} for
 * {@link #removed}, {@code setBits} at the entity's slot for {@link #set}, {@code setValue} for {@link #setValue},
 * the element setter for {@link #setElement}, appending to the column's dictionary for {@link #dictionaryAdded})
 * yields the same rows in the same slots, byte for byte, and the same dictionaries.
 *
 * <p>Calls come from the thread writing the table, right after each change, and must not block or allocate (a new
 * dictionary entry may: it happens once per string). The calls about the other kinds of columns have defaults that
 * refuse them, for a recorder that only ever follows scalar tables (a test's); a recording implements every one.
 */
public interface TableRecorder {
    /** A row was appended for {@code entityId}, every column at its default; writes of its values follow. */
    void added(long entityId);

    /** The entity's row was swap-removed. */
    void removed(long entityId);

    /**
     * Column {@code column} of the entity's row now holds {@code bits} (as {@link io.tickstore.columns.Table#getBits}
     * returns them): a scalar, or a categorical column's code.
     */
    void set(long entityId, int column, long bits);

    /**
     * Column {@code column} of the entity's row now holds the {@code length} bytes at {@code address} (valid only
     * during the call): an array column's whole row, or a variable-length value, as the table stores it.
     */
    default void setValue(long entityId, int column, long address, int length) {
        throw new UnsupportedOperationException(getClass().getName() + " follows scalar columns only");
    }

    /** Element {@code index} of the entity's row of array column {@code column} now holds {@code bits}. */
    default void setElement(long entityId, int column, int index, long bits) {
        throw new UnsupportedOperationException(getClass().getName() + " follows scalar columns only");
    }

    /**
     * Categorical column {@code column}'s dictionary gained entry {@code code} (always the next code), before any row
     * holds it.
     */
    default void dictionaryAdded(int column, int code, String entry) {
        throw new UnsupportedOperationException(getClass().getName() + " follows scalar columns only");
    }
}
