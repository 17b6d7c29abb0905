/**
 * The checkpoint loop: snapshots of a running simulation that cost its thread a memory copy.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.snapshot.checkpoint.Checkpointer} copies the world into reusable
 * off-heap staging worlds and publishes the copies through {@link io.tickstore.snapshot.store.RunStore#write}
 * (files, fsync, atomic rename) on a background thread; {@link io.tickstore.snapshot.checkpoint.CheckpointPolicy}
 * says which ticks; {@link io.tickstore.snapshot.checkpoint.CheckpointStats} says what the simulation thread paid.
 *
 * <p><b>Hot paths.</b> {@code Checkpointer.checkpoint}: one {@code copyMemory} per column and one for the ids
 * into buffers allocated once ({@code prepare}); no allocation in the steady state.
 *
 * <p><b>Threads.</b> The simulation thread checkpoints; one background thread writes; waits
 * ({@code awaitDurable}) from any thread.
 *
 * <p><b>Errors.</b> A failed write is kept and thrown by the next call on the simulation thread, with the run
 * left as the snapshot writer guarantees (earlier snapshots untouched, no partial snapshot visible).
 */
package io.tickstore.snapshot.checkpoint;
