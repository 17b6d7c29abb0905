/**
 * Benchmarks of the persistence backends: journaling a tick into PostgreSQL and SQLite, in rows per second.
 *
 * <p><b>Purpose.</b> Put numbers on {@code RuntimePersistence.persistTick} for the §36 world (1,000,000 rows) and a
 * 2,000-node graph world, for every write path side by side in one run: PostgreSQL binary COPY (Tickstore's),
 * text COPY and batched INSERT (the reference design's method), and SQLite batched inserts.
 *
 * <p><b>Hot paths.</b> Each {@code @Benchmark} method is one {@code persistTick} as a simulation calls it, through
 * the public API; building worlds, opening databases and emptying journals happen in {@code @Setup}.
 *
 * <p><b>Threads.</b> One benchmark thread; the database server is a second process on the same machine.
 *
 * <p><b>Errors.</b> A database that cannot be reached fails the trial in its setup; every trial drops the schema
 * or deletes the file it created and closes its allocator, which throws on a leak.
 */
package io.tickstore.jmh.backends;
