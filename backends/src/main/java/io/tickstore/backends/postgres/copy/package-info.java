/**
 * The PGCOPY binary format and the binary send/recv forms of the PostgreSQL types Tickstore writes.
 *
 * <p><b>Purpose.</b> One class per layout, each with its diagram and checks: {@link
 * io.tickstore.backends.postgres.copy.PgCopyLayout} (the stream), {@link
 * io.tickstore.backends.postgres.copy.PgNumericLayout}, {@link io.tickstore.backends.postgres.copy.PgArrayLayout},
 * {@link io.tickstore.backends.postgres.copy.PgTimestamps}. {@link
 * io.tickstore.backends.postgres.copy.BinaryCopyWriter} encodes int2/int4/int8, float4/float8, bool, uuid,
 * text/varchar, bytea, jsonb, timestamptz, numeric and arrays (one-dimensional from Java arrays; of any shape element by
 * element; text, jsonb and text[] straight from off-heap bytes) into a reusable chunk handed to a
 * {@link io.tickstore.backends.postgres.copy.CopySink}; {@link io.tickstore.backends.postgres.copy.BinaryCopyReader}
 * decodes them from a {@link io.tickstore.backends.postgres.copy.CopySource}. Independent of any table: usable for
 * any COPY.
 *
 * <p><b>Hot paths.</b> The fixed-size writes and reads: a bounds check and a big-endian store or load through a
 * {@code VarHandle}, no allocation ({@code numeric} of a u64 included).
 *
 * <p><b>Threads.</b> Writers and readers are single-threaded.
 *
 * <p><b>Errors.</b> A malformed stream throws {@link io.tickstore.backends.postgres.copy.CopyFormatException}
 * ({@code BAD_COPY_STREAM}, a {@link io.tickstore.columns.TickstoreException}) naming the row and field; the runtime
 * reports it as a {@code CORRUPT_JOURNAL} of the tick it was reading. The sink's and source's {@code SQLException}s
 * pass through.
 */
package io.tickstore.backends.postgres.copy;
