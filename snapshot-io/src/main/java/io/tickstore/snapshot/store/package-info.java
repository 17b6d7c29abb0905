/**
 * Stores of runs and runs of snapshots on disk.
 *
 * <p><b>Purpose.</b> A {@link io.tickstore.snapshot.store.Store} is a directory of runs; a
 * {@link io.tickstore.snapshot.store.RunStore} lists, opens (latest, exact tick, at-or-before), writes and
 * prunes ({@link io.tickstore.snapshot.store.RetentionPolicy}) one run's snapshots and cleans up after crashed
 * writers; {@link io.tickstore.snapshot.store.PathKind} tells which of the three a path is.
 *
 * <p><b>Hot paths.</b> {@code RunStore.write}, which reuses one writer and its threads.
 *
 * <p><b>Threads.</b> One writing process per run; any number of readers. Snapshots appear and disappear only
 * by atomic renames, so a reader never sees a partial one.
 *
 * <p><b>Errors.</b> A missing run or tick is a {@code NoSuchFileException} naming the directory and listing
 * what exists; damaged snapshots surface as {@link io.tickstore.snapshot.SnapshotFormatException}.
 */
package io.tickstore.snapshot.store;
