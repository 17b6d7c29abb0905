package io.tickstore.columns.trace;

/**
 * Where a {@link TraceRecorder} sends each flushed tick: a database's trace table, a file, a test's list. Called on
 * the recorder's writer thread, one batch at a time and in tick order, never during a tick.
 */
@FunctionalInterface
public interface TraceSink {
    /**
     * Stores one tick's events. The batch is valid during the call only; its memory is reused afterwards.
     *
     * @throws Exception to fail the recorder: the failure is thrown by its next {@code flush} or {@code close}
     */
    void write(TraceBatch batch) throws Exception;
}
