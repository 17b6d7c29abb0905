package io.tickstore.backends.postgres;

/**
 * Where {@link WriteMethod#BINARY_COPY} and {@link WriteMethod#TEXT_COPY} send a tick's rows. Both run behind the
 * same tick gate in the same transaction, so both are idempotent and all-or-nothing; they differ in cost and in
 * what an aborted COPY leaves behind. See the README's section on writing with binary COPY ("The two copy
 * targets") for the measurements.
 */
public enum CopyTarget {
    /**
     * COPY straight into the journal table, each row carrying its session id and tick. The transaction is the
     * staging area: its rows are invisible to everyone else until the commit, and the gate guarantees no other
     * transaction is writing the same tick. The server takes COPY's multi-row insert path, the fastest it has.
     * An aborted COPY leaves dead tuples in the journal for VACUUM.
     */
    JOURNAL,
    /**
     * COPY into a temporary staging table of the connection (rows without session id and tick), then one
     * {@code INSERT ... SELECT} moves them into the journal. The stream is smaller and an aborted COPY never
     * touches the journal, but the move inserts row by row, which costs the server more than the COPY itself.
     */
    STAGING_TABLE
}
