/**
 * Execution traces: what a simulation's systems did during a tick, buffered off-heap while it runs and written
 * after it ends.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.columns.trace.TraceCollector} is what a system calls ({@code trace(system,
 * event, data, level, node)}, {@code flush(tick)}, {@code level()}, {@code bufferedCount()}); {@link
 * io.tickstore.columns.trace.TraceLevel} says how much is kept (NONE, SUMMARY, DEBUG, TRACE, each including those
 * below); {@link io.tickstore.columns.trace.TraceNames} is the codebook of system and event names; {@link
 * io.tickstore.columns.trace.TraceRecorder} is the buffered implementation, which hands each flushed tick as a
 * {@link io.tickstore.columns.trace.TraceBatch} to a {@link io.tickstore.columns.trace.TraceSink} (the backends'
 * trace tables) on its own writer thread. A recording flushes its recorder after every tick; a program without one
 * calls {@code flush} itself.
 *
 * <p><b>Hot paths.</b> {@code trace(...)}: one comparison when the level is not kept; otherwise a bounds check and a
 * few stores into an off-heap buffer, no lock, no allocation, no I/O (a payload is encoded in place; build it only
 * when {@code enabled(level)}). {@code flush}: a queue hand-off.
 *
 * <p><b>Memory.</b> Buffers come from a child allocator ({@code traces}) of the one given and are freed by
 * {@code close()}, which is idempotent; a buffer that overflows during a tick doubles once and keeps its size.
 *
 * <p><b>Threads.</b> One thread traces and flushes; the sink runs on the recorder's writer thread; the codebook is
 * thread-safe.
 *
 * <p><b>Errors.</b> A sink's failure is kept and thrown by the next {@code flush} or by {@code close}; an unknown
 * level name or code is an {@code IllegalArgumentException}; use after close an {@code IllegalStateException}.
 */
package io.tickstore.columns.trace;
