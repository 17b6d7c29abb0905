package io.tickstore.columns.sim;

import io.tickstore.columns.World;
import io.tickstore.columns.trace.TraceCollector;

/** What a system sees while a tick is computed. */
public interface TickContext {
    /** The world, still at the previous tick: {@code world().tick() == tick() - 1} until the tick ends. */
    World world();

    /** The tick being computed. */
    long tick();

    /** The run's generator; its state is saved into the world when the tick ends, so a resume draws the same numbers. */
    SimRandom random();

    /**
     * Where the tick's systems trace what they do: the recording's trace collector, or one that keeps nothing
     * ({@link TraceCollector#NONE}) when nobody traces. Trace calls buffer in memory; nothing is written until the
     * tick has ended.
     */
    default TraceCollector trace() {
        return TraceCollector.NONE;
    }
}
