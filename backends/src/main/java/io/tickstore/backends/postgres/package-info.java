/**
 * The PostgreSQL backend: a pool, generated journal tables, and binary COPY both ways.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.backends.postgres.PostgresRuntime} implements the contract and
 * {@link io.tickstore.backends.PostgresExtensions}. The registry ({@code PgRegistrySql}) and one journal table per
 * (table, schema version) ({@code PgJournalSql}) live in one database schema; {@link
 * io.tickstore.backends.postgres.PgColumnTypes} maps Tickstore types (unsigned to the next wider signed type,
 * {@code u64} to {@code numeric(20,0)}; arrays to arrays of their shape, categorical and {@code str} columns to
 * {@code text}, {@code json} to {@code jsonb}, {@code str[]} to {@code text[]}). A tick's rows are encoded from the off-heap columns as PGCOPY tuples and
 * copied into the journal (or a per-connection staging table, then moved; see {@link
 * io.tickstore.backends.postgres.CopyTarget}) in one transaction, behind a per-tick gate row that makes the write
 * idempotent. Journal tables and {@code trace_log} are partitioned by session ({@code PgSessionCatalog}): a session's
 * rows go straight into partitions of its own (its traces into an UNLOGGED one), dropped in one statement when the
 * session is deleted; a writer's lease is a session-level advisory lock.
 *
 * <p><b>Hot paths.</b> {@code BinaryJournalEncoder.encode} and {@code BinaryJournalDecoder.decode}: one pass over
 * the rows, no object per row or value, bytes straight between column buffers and the COPY chunk.
 *
 * <p><b>Threads.</b> The runtime is thread-safe (one pooled connection per call); encoders and decoders are
 * per call.
 *
 * <p><b>Errors.</b> Every failure rolls the transaction back; a connection that died (a killed backend, a network
 * fault) is evicted from the pool; the caller gets a {@code PersistenceException} naming the server, the session,
 * the tick and the SQLState.
 */
package io.tickstore.backends.postgres;
