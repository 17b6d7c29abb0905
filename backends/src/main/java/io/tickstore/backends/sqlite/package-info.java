/**
 * The SQLite backend, for development and tests: no server, one file per run (or memory).
 *
 * <p><b>Purpose.</b> {@link io.tickstore.backends.sqlite.SqliteRuntime} implements the contract on xerial's
 * sqlite-jdbc: WAL and full sync for files, strict tables, journal tables without rowid, prepared statements
 * batched in one {@code BEGIN IMMEDIATE} transaction per tick, generated keys off. Floats SQLite cannot hold
 * exactly (NaN, -0.0) keep their bits in {@code float_exception}. Traces go to a plain {@code trace_log}; a session's
 * writer holds a lock file beside the database ({@code SqliteSessionCatalog}).
 *
 * <p><b>Hot paths.</b> The row loops of persist and hydrate: values go from the off-heap columns to the statement's
 * binds and from the result set into the table's slots, with no object per row.
 *
 * <p><b>Threads.</b> One connection, used by one transaction at a time: every transaction holds the runtime's lock.
 *
 * <p><b>Errors.</b> {@code PersistenceException} as the contract says; driver failures are {@code DATABASE}, and the
 * transaction is rolled back before they are thrown.
 */
package io.tickstore.backends.sqlite;
