/**
 * Exact replay: applying a world's logged mutations back.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.snapshot.replay.EventVocabulary} is the vocabulary a recording
 * ({@code io.tickstore.recording}) logs a world's mutations in (one key per column, plus births, deaths, the
 * generator state and tick ends; an array column's element key and a categorical column's dictionary key); {@link io.tickstore.snapshot.replay.LogReplayer} applies a log range to a world loaded
 * from a snapshot; {@link io.tickstore.snapshot.replay.RunHistory#reconstructAt} rebuilds any tick from the
 * nearest snapshot at or before it plus the log; {@link io.tickstore.snapshot.replay.EntityTimeline} follows some
 * columns of one entity tick by tick (a snapshot plus the log's records about that entity, no world rebuilt).
 *
 * <p><b>Hot paths.</b> {@code LogReplayer}'s record loop (reads mapped records, one id lookup per entity run).
 *
 * <p><b>Threads.</b> A replay belongs to the thread that owns the world.
 *
 * <p><b>Errors.</b> A tick that cannot be rebuilt is a {@link io.tickstore.snapshot.replay.ReplayException} (a
 * {@link io.tickstore.columns.TickstoreException}) naming the run, log or segment first, then the chunk, record and
 * tick: {@code NO_SNAPSHOT} (nothing at or before the tick to start from), {@code TICK_AFTER_LOG} (the log ends
 * before it), {@code INCONSISTENT_RECORD} (a record for an entity that does not exist at its tick, ...),
 * {@code WORLD_MISMATCH} (a log of another run, a codebook that does not fit the world's schema). A log that cannot
 * be read at all fails with the event log's own {@code EventLogException}. Nothing on disk is changed by a replay.
 */
package io.tickstore.snapshot.replay;
