package io.tickstore.columns.sim;

/**
 * How a journal keeps one table of a world: the table's tier. A world declares it per table
 * ({@link Simulation#journalTiers()}, or given to the journal), and a journal holds the table to it: rows it is given
 * that do not fit the tier are an error naming the table, the tick and the row, never a silent rewrite.
 */
public enum JournalTier {
    /** Every persisted tick holds every row of the table: the default. */
    FULL,
    /**
     * A persisted tick holds only the rows touched (added or written) since the tick persisted before it; a tick whose
     * touched rows are not known (the session's first, the first after a resume) holds every row. A row's value at a
     * tick is its latest row at or before it.
     */
    SPARSE,
    /** The table is written once, with the session's first persisted tick; any later change to it is an error. */
    ONCE,
    /** One row per entity, the latest: a current-state cache kept by the journal from the other tiers, not journaled per tick. */
    CURRENT;

    /** The lower-case name a declaration or a message uses. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
