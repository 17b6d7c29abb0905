package io.tickstore.snapshot.checkpoint;

import io.tickstore.columns.World;

/**
 * Work that follows every checkpoint off the simulation thread: journaling the tick into a database, shipping it
 * elsewhere. The {@link Checkpointer}'s background thread calls {@link #published} once the snapshot of the tick
 * is published (or was already in the run), with the staged copy the snapshot was written from, before that copy
 * is reused.
 *
 * <p>The copy is the world exactly as it was at the checkpoint; it is read-only to the listener and valid only
 * during the call (the next checkpoint overwrites it), so a listener copies what it keeps. A listener that is slower
 * than the checkpoint policy holds both staging copies and the next checkpoint waits for one: the wait shows in
 * the stall the {@link CheckpointStats} report, never as a skipped tick.
 *
 * <p>An exception fails the checkpointer as a failed write does: it is thrown by the next {@code checkpoint},
 * {@code awaitDurable}, {@code awaitAll} or {@code close}, and no later tick reaches the listener.
 */
@FunctionalInterface
public interface CheckpointListener {
    /** Called on the checkpoint writer's thread, in tick order, once the snapshot of {@code staged.tick()} is durable. */
    void published(World staged) throws Exception;

    /**
     * Called on the checkpoint writer's thread, in tick order with {@link #published}, for a tick that was staged
     * with {@link Checkpointer#follow} (a copy to follow, no snapshot); ignored unless overridden.
     */
    default void followed(World staged) throws Exception {
    }
}
