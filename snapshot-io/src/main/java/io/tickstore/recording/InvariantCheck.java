package io.tickstore.recording;

import io.tickstore.columns.World;

/**
 * A property the world must have at the end of a tick, registered with {@link RecordingBuilder#invariant}: the
 * recording runs it on the simulation thread before the tick's end is recorded, and a violation stops the tick
 * ({@link io.tickstore.columns.TickstoreException.Problem#INVARIANT_VIOLATED}) so the run stays resumable at the
 * tick before.
 *
 * <pre>
 * .invariant("population stays positive", world -&gt; world.table("cows").rowCount() &gt; 0 ? null : "no cows left")
 * </pre>
 */
@FunctionalInterface
public interface InvariantCheck {
    /**
     * What is wrong with {@code world}, or {@code null} when the invariant holds. {@code world.tick()} is the tick
     * that is ending. Read the world, never write it or draw from the run's generator (either would change what the
     * run records); it is valid during the call only. An exception thrown here counts as a violation, with its
     * message.
     */
    String violation(World world) throws Exception;
}
