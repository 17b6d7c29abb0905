package io.tickstore.backends.postgres;

/**
 * How {@link PostgresRuntime} moves a table's rows to the server. Every method runs inside the same tick
 * transaction with the same idempotency gate, so all three give the same semantics; they differ in speed and in
 * one detail of exactness (see each).
 */
public enum WriteMethod {
    /**
     * PGCOPY binary to the options' {@link CopyTarget} (straight into the journal by default, or through the
     * connection's staging table). The default and the fastest; values travel bit for bit, NaN payloads included.
     */
    BINARY_COPY,
    /**
     * Text COPY to the same {@link CopyTarget}. Kept as the baseline binary COPY is measured against; floats travel
     * as their shortest decimal text, so a NaN arrives as the canonical NaN.
     */
    TEXT_COPY,
    /**
     * Prepared {@code INSERT} statements straight into the journal in batches of {@value PostgresOptions#INSERT_BATCH_ROWS}
     * rows: the method the reference design used. Same NaN caveat as {@link #TEXT_COPY}.
     */
    BATCHED_INSERT
}
