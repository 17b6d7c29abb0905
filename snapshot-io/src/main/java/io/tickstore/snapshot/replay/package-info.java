/**
 * Exact replay: recording a world's mutations into an event log and applying them back.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.snapshot.replay.LogRecorder} is the
 * {@link io.tickstore.columns.MutationSink} that logs what a simulation's cleanup pass applies, in the
 * {@link io.tickstore.snapshot.replay.EventVocabulary} (one key per column, plus births, deaths, the generator
 * state and tick ends); {@link io.tickstore.snapshot.replay.LogReplayer} applies a log range to a world loaded
 * from a snapshot; {@link io.tickstore.snapshot.replay.RunHistory#reconstructAt} rebuilds any tick from the
 * nearest snapshot at or before it plus the log.
 *
 * <p><b>Hot paths.</b> {@code LogRecorder}'s mutation callbacks (one append each, no allocation) and
 * {@code LogReplayer}'s record loop (reads mapped records, one id lookup per entity run).
 *
 * <p><b>Threads.</b> A recorder belongs to the simulation thread; a replay to the thread that owns the world.
 *
 * <p><b>Errors.</b> A log of another run, a codebook that does not match the world's schema, a record for an
 * entity that does not exist at its tick, a snapshot newer than the tick asked for: each a
 * {@link io.tickstore.snapshot.SnapshotFormatException} ({@code FOREIGN_RUN} or {@code INCONSISTENT}) naming the
 * file, chunk, record and tick. Nothing on disk is changed by a replay.
 */
package io.tickstore.snapshot.replay;
