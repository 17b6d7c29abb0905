/**
 * Internal: not part of Tickstore's API; may change without notice. What both backends share: the runtime frame
 * over JDBC, journal names, session layouts, content digests, and moving rows between off-heap tables and the
 * database. Public because the backends' own packages ({@code sqlite}, {@code postgres}) build on it and the
 * benchmarks module names journal tables with it; a program uses {@code RuntimePersistence} and {@code Backends}.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.backends.internal.journal.JdbcRuntime} is the part of the contract both
 * runtimes do the same way (sessions, the transaction around every call, registry reads and writes, hydrate's
 * frame); each runtime extends it with its own connections, dialect and row format.
 * {@link io.tickstore.backends.internal.journal.JournalNames} validates and quotes every identifier and names the
 * journal table of a schema ({@code <table>_v<version>}, key columns {@code _session_id, _tick, _entity_id, _slot});
 * {@link io.tickstore.backends.internal.journal.SessionLayout} is a session's tables and checks a world against them;
 * {@link io.tickstore.backends.internal.journal.SchemaJson} records schemas exactly, in the form a manifest holds
 * them ({@code io.tickstore.snapshot.manifest.SchemaCodec});
 * {@link io.tickstore.backends.internal.journal.TickDigest} identifies a tick's content;
 * {@link io.tickstore.backends.internal.journal.LiveRows} reads a table's rows for every row writer;
 * {@link io.tickstore.backends.internal.journal.SlotFiller} writes rows arriving in any order into their slots of an
 * off-heap table; {@link io.tickstore.backends.internal.journal.JournalDescriptions} is what every table, view and
 * column holds, in words (PostgreSQL comments, SQLite's descriptions table), and the sessions view's query;
 * {@link io.tickstore.backends.internal.journal.SessionCatalog} is the SQL behind
 * {@code SessionStore} (a session's tables, rows, bytes, status, deletion), which each backend completes.
 *
 * <p><b>Hot paths.</b> {@code LiveRows}' getters (one memory read per value) and {@code SlotFiller.startRow} and
 * its {@code put} methods (one range check, one bit of a seen-set, one memory write per value); neither allocates.
 *
 * <p><b>Threads.</b> Layouts and digests are immutable; a {@code LiveRows} or {@code SlotFiller} belongs to the
 * thread writing or filling its table; {@code JdbcRuntime} leaves connection safety to its subclass's
 * {@code inTransaction}.
 *
 * <p><b>Errors.</b> Unusable names throw {@code PersistenceException} with {@code INVALID_IDENTIFIER}; a world that
 * does not fit its session, {@code SCHEMA_MISMATCH}; a value no backend can store, {@code INVALID_INPUT}; rows that
 * do not fit their registry or their type, {@code CORRUPT_JOURNAL}.
 */
package io.tickstore.backends.internal.journal;
