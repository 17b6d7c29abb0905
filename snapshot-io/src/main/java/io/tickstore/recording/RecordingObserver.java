package io.tickstore.recording;

import io.tickstore.columns.World;
import io.tickstore.columns.trace.TraceBatch;

/**
 * Follows a recording's lifecycle: the Java form of a persistence observer. Journaling into a database is one;
 * so is anything that ships ticks elsewhere or checks invariants. Every method has an empty default.
 *
 * <ol>
 *   <li>{@link #started} once, on the recording's thread, before the first tick: the world (fresh at tick 0 or
 *       rebuilt by a resume), the run's settings and, for a resume, what it found.</li>
 *   <li>{@link #tickEnded} after every tick, on the recording's thread, with the live world and the tick's report
 *       (wall time, the recording's timing of each system, births and deaths, the invariant checks that ran): keep
 *       it to a few memory operations, the simulation waits for it (no I/O here: that belongs in
 *       {@link #checkpointed}).</li>
 *   <li>{@link #checkpointed} after every checkpoint (and after every tick when {@link #followsEveryTick()}), on
 *       the checkpoint writer's thread, with a staged copy of the world at that tick: the place for I/O.</li>
 *   <li>{@link #ended} once, when the recording closes, after every checkpoint has been followed.</li>
 * </ol>
 *
 * An exception from {@code started} undoes a new run (nothing is left on disk); from {@code tickEnded} it reaches
 * the caller of the tick; from {@code checkpointed} it fails the recording at its next checkpoint, as a failed
 * snapshot write does.
 */
public interface RecordingObserver {
    /** Before the first tick; {@code start.world()} may be read, not kept. */
    default void started(RecordingStart start) throws Exception {
    }

    /** After each tick, on the simulation's thread; {@link #tickEnded(World, TickReport)} calls it unless overridden. */
    default void tickEnded(TickReport tick) {
    }

    /**
     * After each tick, on the simulation's thread, with the live world at the tick that ended: read it (a statistic,
     * a check of one's own), never write it or draw from the run's generator, and do not keep it: it is valid during
     * the call only, and the next tick changes it. By default hands the report to {@link #tickEnded(TickReport)}.
     */
    default void tickEnded(World world, TickReport tick) {
        tickEnded(tick);
    }

    /**
     * With a staged copy of the world at a checkpointed tick, on the checkpoint writer's thread, after its snapshot
     * is published; the copy is read-only and valid during the call only.
     *
     * @param staged the world at {@code staged.tick()}
     * @param tick the report of that tick (for tick 0 or a resumed tick: a report with no systems)
     * @param snapshot whether a snapshot of this tick was published (false for the ticks in between when
     *        {@link #followsEveryTick()})
     */
    default void checkpointed(World staged, TickReport tick, boolean snapshot) throws Exception {
    }

    /**
     * With one flushed tick of trace events, when the recording traces ({@link RecordingBuilder#tracing}): on the
     * trace writer's thread, in tick order, after the tick ended; the batch is valid during the call only. The place
     * to store traces (a database's trace table). Every flushed tick has been handed over before {@link #ended}.
     */
    default void traced(TraceBatch batch) throws Exception {
    }

    /** When the recording closes, after every checkpoint was followed. */
    default void ended(RunStatus status) throws Exception {
    }

    /** Whether {@link #checkpointed} should see every tick, not only checkpointed ones (costs a memory copy a tick). */
    default boolean followsEveryTick() {
        return false;
    }

    /**
     * Whether the {@link TickReport}s handed to {@link #tickEnded} should list the tick's births and deaths (the
     * entity id of every row added and removed). Off by default: keeping them costs a store per row added or removed.
     */
    default boolean followsBirthsAndDeaths() {
        return false;
    }

    /**
     * Whether the {@link TickReport}s handed to {@link #tickEnded} should carry, per table, the rows touched during the
     * tick ({@link TickReport#touched()}): what a journal writing only changed rows needs. Off by default: tracking
     * costs a bit set per recorded write and a scan of the tick's bits when it ends.
     */
    default boolean followsTouchedRows() {
        return false;
    }
}
