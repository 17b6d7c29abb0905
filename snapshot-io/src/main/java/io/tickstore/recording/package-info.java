/**
 * Recording a simulation: the one entry point a program embedding Tickstore needs.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.recording.Recording} owns a run's whole lifecycle: it creates the run
 * (its directory, {@code run.json}, the writer lock, the event log, the tick-0 snapshot), logs every write to the
 * world's tables by construction, ends ticks, checkpoints in the background, tells
 * {@link io.tickstore.recording.RecordingObserver}s (a database journal) about every tick, and resumes a run after a
 * clean stop or a crash from the last tick its log holds completely; a graceful stop asked for from another thread
 * ({@code requestStop}, what a signal handler calls) ends the run between ticks, checkpointed and marked interrupted.
 * {@link io.tickstore.recording.RecordingBuilder} configures it, {@link io.tickstore.recording.InvariantCheck}s
 * included (run at tick ends, a failure stops the tick unrecorded); {@link io.tickstore.recording.RunSettings} is what
 * {@code run.json} holds. The same entry point opens a run read-only ({@code Recording.at(runDir).openReadOnly()}, a
 * {@link io.tickstore.recording.RecordedRun}): no lock, no file created or changed, beside a live recording too.
 *
 * <p><b>Hot paths.</b> A recorded table write: the table's own recorder appends one 28-byte record to the log's
 * off-heap buffer, no lookup, no allocation, no system call (an array row's or a variable-length value's bytes
 * copied beside it; a categorical column's new string registered once as a codebook symbol). {@code endTick}: a few records and, when a checkpoint
 * is due, a memory copy of the world.
 *
 * <p><b>Threads.</b> One thread records; observers' {@code checkpointed} runs on the checkpoint writer's thread;
 * {@code requestStop} may be called from any thread.
 *
 * <p><b>Errors.</b> {@link io.tickstore.columns.TickstoreException} with a {@code Problem} and the run first in its
 * message: {@code RUN_LOCKED} when another writer holds the run, {@code RUN_EXISTS}, {@code NO_SUCH_RUN},
 * {@code BAD_RUN_SETTINGS}, {@code WONT_FIT} before anything is created, {@code OBSERVER_FAILED},
 * {@code INVARIANT_VIOLATED} naming the check, the tick and the check's message,
 * {@code UNRECORDED_WRITE} from the replay check; a resume with nothing to start from is a
 * {@code ReplayException} ({@code NO_SNAPSHOT}), and a log it cannot read an {@code EventLogException}. A run that
 * fails to start leaves nothing on disk.
 */
package io.tickstore.recording;
