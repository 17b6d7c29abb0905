/**
 * The event log: every mutation of a world as fixed-width records (tick, entity id, key code, value), appended
 * from the simulation thread and written by a background thread to checksummed chunks (format in
 * {@code snapshot-io/FORMAT.md}, "The event log"); a value that does not fit a record's 8 bytes (an array row, a
 * variable-length value) goes to its chunk's value area, which the record points into (chunk format version 2).
 *
 * <p><b>Purpose.</b> {@link io.tickstore.snapshot.eventlog.EventLogWriter} appends and writes (double-buffered,
 * explicit {@link io.tickstore.snapshot.eventlog.BackPressure}, flush, close, shutdown hook, crash recovery);
 * {@link io.tickstore.snapshot.eventlog.Codebook} turns names and strings into stable codes;
 * {@link io.tickstore.snapshot.eventlog.EventLogReader} finds every complete chunk and answers queries by entity
 * and by tick range through read-only mappings (the export module's {@code io.tickstore.export.EventLogExport}
 * writes a log as CSV and SQLite); {@link io.tickstore.snapshot.eventlog.EventLogSalvage} cuts a damaged log so it
 * can be appended to again. One descriptor class per binary layout: {@link io.tickstore.snapshot.eventlog.EventRecord},
 * {@link io.tickstore.snapshot.eventlog.ChunkHeader}, {@link io.tickstore.snapshot.eventlog.ChunkTrailer} and
 * the append counter.
 *
 * <p><b>Hot paths.</b> {@code EventLogWriter.append}: 28 bytes into an off-heap buffer and one ordered store of
 * the running count into a mapped page; no allocation, lock or system call. {@code appendBytes} copies the value
 * into the buffer's value area too (which grows, once, to hold a value larger than any before). Queries read mapped chunks in place
 * and skip chunks by the tick and entity ranges of their headers.
 *
 * <p><b>Threads.</b> One thread appends; the writer thread owns the files; a reader may be queried from several
 * threads. The codebook is thread-safe.
 *
 * <p><b>Errors.</b> Every problem with a log is an {@link io.tickstore.snapshot.eventlog.EventLogException} (a
 * {@link io.tickstore.columns.TickstoreException}) whose message starts with the file at fault and names the chunk
 * and its offset where known: {@code FOREIGN_RUN} for a chunk, counter or codebook of another run,
 * {@code CODEBOOK_MISMATCH} for a codebook that does not match the log, a problem of the {@code FORMAT} area
 * ({@code CHECKSUM_MISMATCH}, {@code TRUNCATED}, ...) for a log file whose bytes are wrong. Only the last chunk can
 * be torn by a crash; a chunk that fails anywhere else is damage, refused as {@code DAMAGED_CHUNK} with its segment,
 * sequence and offset. Opening for reading changes nothing on disk; opening for writing changes nothing before every
 * check has passed, then cuts the torn tail; only {@link io.tickstore.snapshot.eventlog.EventLogSalvage} cuts a
 * damaged log, keeping what it removes. No file is ever shortened in place, so a reader's mappings stay valid while
 * a recovery runs ({@code LOG_CHANGED} when a reader meets a recovery too often).
 */
package io.tickstore.snapshot.eventlog;
