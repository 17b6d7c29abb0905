package io.tickstore.snapshot.internal.fault;

/**
 * The write steps at which a test can make Tickstore fail, in the order a run meets them. Each names a step of a
 * durable change (a snapshot publish, a log chunk, a recovery, a settings rewrite, a journal transaction); the fault
 * matrix fails each of them in turn and checks that every durable state stays intact.
 */
public enum FaultPoint {
    /** Writing one column or entity id file of a snapshot (the bytes go half way, then the fault). */
    SNAPSHOT_COLUMN_FILE,
    /** Writing a snapshot's manifest. */
    SNAPSHOT_MANIFEST,
    /** Forcing a snapshot's directories. */
    SNAPSHOT_FSYNC,
    /** Renaming a snapshot's temporary directory to its tick's name. */
    SNAPSHOT_RENAME,
    /** Rewriting the log's codebook before a chunk that needs new codes. */
    LOG_CODEBOOK,
    /** Creating a new log segment. */
    LOG_SEGMENT_CREATE,
    /** Appending a chunk to a segment (the bytes go half way, then the fault). */
    LOG_CHUNK_WRITE,
    /** Forcing a segment after a chunk. */
    LOG_CHUNK_FORCE,
    /** Recovery rewriting the append counter. */
    RECOVERY_COUNTER,
    /** Recovery copying the kept prefix of a segment it cuts. */
    RECOVERY_CUT_COPY,
    /** Recovery renaming the cut segment over the old one. */
    RECOVERY_CUT_RENAME,
    /** Recovery deleting segments after the cut. */
    RECOVERY_DELETE_LATER,
    /** Rewriting run.json (status, journal attributes). */
    RUN_SETTINGS,
    /** A journal's tick transaction, before it commits. */
    JOURNAL_COMMIT
}
