/**
 * Archives of finished sessions: Parquet written and read through DuckDB, verified against the database, purged
 * from it only then, moved to and from S3-compatible object stores, queried with DuckDB SQL (format in
 * {@code archive/FORMAT.md}).
 *
 * <p><b>Purpose.</b> {@link io.tickstore.archive.Archive} is the entry point for an archive wherever it is (a
 * directory or {@code s3://bucket/prefix}); {@link io.tickstore.archive.SessionArchive} does each step on a
 * directory (export, verify, purge, list); {@link io.tickstore.archive.ObjectStore} moves archives through the AWS
 * SDK v2; {@link io.tickstore.archive.ArchiveQuery} runs SQL over every completely archived session. The session
 * catalogue it reads from is the backends' {@code SessionStore}.
 *
 * <p><b>Hot paths.</b> The export's row loop: one JDBC read, one hash update and one DuckDB append per value, rows
 * streamed from the database (never all in memory) and written by DuckDB. Nothing here runs during a simulation's
 * tick.
 *
 * <p><b>Threads.</b> Every call runs on its caller's thread with its own in-memory DuckDB; an {@code ObjectStore} is
 * thread-safe.
 *
 * <p><b>Errors.</b> {@link io.tickstore.columns.TickstoreException}s of the {@code ARCHIVE} area, the archive or
 * object first in the message: {@code ARCHIVE_INCOMPLETE} (no manifest: an export or upload that did not finish),
 * {@code ARCHIVE_MISMATCH} (a file or manifest that disagrees), {@code NOT_ARCHIVED} (a purge without a verified
 * archive), {@code OBJECT_STORE}, {@code QUERY_FAILED}; a running session is {@code SESSION_ACTIVE}. Verification
 * reports what disagrees as problems instead of throwing. Interrupted at any point, an export or upload leaves no
 * manifest, so nothing that looks complete.
 */
package io.tickstore.archive;
