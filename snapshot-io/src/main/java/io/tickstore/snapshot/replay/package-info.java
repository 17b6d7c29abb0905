/**
 * Exact replay: applying a world's logged mutations back.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.snapshot.replay.EventVocabulary} is the vocabulary a recording
 * ({@code io.tickstore.recording}) logs a world's mutations in (one key per column, plus births, deaths, the
 * generator state and tick ends); {@link io.tickstore.snapshot.replay.LogReplayer} applies a log range to a world loaded
 * from a snapshot; {@link io.tickstore.snapshot.replay.RunHistory#reconstructAt} rebuilds any tick from the
 * nearest snapshot at or before it plus the log.
 *
 * <p><b>Hot paths.</b> {@code LogReplayer}'s record loop (reads mapped records, one id lookup per entity run).
 *
 * <p><b>Threads.</b> A replay belongs to the thread that owns the world.
 *
 * <p><b>Errors.</b> A log of another run, a codebook that does not match the world's schema, a record for an
 * entity that does not exist at its tick, a snapshot newer than the tick asked for: each a
 * {@link io.tickstore.snapshot.SnapshotFormatException} ({@code FOREIGN_RUN} or {@code INCONSISTENT}) naming the
 * file, chunk, record and tick. Nothing on disk is changed by a replay.
 */
package io.tickstore.snapshot.replay;
