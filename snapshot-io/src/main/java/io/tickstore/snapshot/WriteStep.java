package io.tickstore.snapshot;

/**
 * The points between the steps of a snapshot write at which a {@link WriteHook} is called, in order. All of
 * them come before the publishing rename: a write stopped at any of them leaves no snapshot for its tick.
 */
public enum WriteStep {
    /** Every column and entity id file is written (and forced, with {@link Durability#FSYNC}). */
    AFTER_COLUMN_FILES,
    /** {@code manifest.json} is written (and forced). */
    AFTER_MANIFEST,
    /** The snapshot's directories are fsynced (a no-op with {@link Durability#PAGE_CACHE}). */
    AFTER_FSYNC,
    /** Immediately before the temporary directory is renamed to its final name. */
    BEFORE_RENAME
}
