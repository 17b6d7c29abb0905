/**
 * The persistence contract: where a simulation journals its ticks, whichever database is behind it.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.backends.RuntimePersistence} (persist a tick, hydrate a world, log a tick,
 * set and get metadata; every call scoped by a session id) with its shared semantics: a tick is all or nothing,
 * the same content twice is a no-op, different content is a conflict unless overwriting is asked for, and a
 * hydrated world hashes like the one persisted. {@link io.tickstore.backends.PostgresExtensions} holds what only
 * PostgreSQL does; callers test for it with {@code instanceof}. {@link io.tickstore.backends.Backends} opens a
 * backend from {@code sqlite:PATH}, {@code sqlite::memory:} or {@code postgres:JDBC_URL};
 * {@link io.tickstore.backends.Journal} journals a recording into one (a recording observer), births and deaths
 * included as tick events, with its traces; {@link io.tickstore.backends.SessionStore} (both backends) lists, shows
 * and deletes sessions, stores traces and reads a session's tables for an archive.
 * {@link io.tickstore.backends.TierPlan} holds each table to its declared journal tier (full, sparse, once), which the
 * journal keeps on PostgreSQL; {@link io.tickstore.backends.TickJournals} picks the journal for a simulation (the hex
 * journal for a geographic world on PostgreSQL), both reporting through {@link io.tickstore.backends.TickJournal}.
 *
 * <p><b>Hot paths.</b> None here: the rows move in the backend packages, straight between off-heap columns and
 * the database.
 *
 * <p><b>Threads.</b> Backends are thread-safe. Value classes ({@code TickEvent}, {@code TickLog},
 * {@code PersistOptions}) are immutable.
 *
 * <p><b>Errors.</b> Every refusal or failure is a {@link io.tickstore.backends.PersistenceException} (an unchecked
 * {@link io.tickstore.columns.TickstoreException}) whose message names the backend, the session and what is wrong,
 * and whose {@code problem()} classifies it with a problem of the {@code PERSISTENCE} area; nothing is written by a
 * call that throws. A session a writer holds is refused deletion ({@code SESSION_ACTIVE}); data that does not fit
 * its table's tier is {@code TIER_MISFIT}. Use after close throws
 * {@code IllegalStateException}.
 */
package io.tickstore.backends;
