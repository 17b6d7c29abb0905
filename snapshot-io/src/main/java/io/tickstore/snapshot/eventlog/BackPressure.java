package io.tickstore.snapshot.eventlog;

/**
 * What appending does when every buffer is full because the writer thread has fallen behind the disk. Never a
 * silent drop: either the simulation waits or the log takes more memory.
 */
public enum BackPressure {
    /**
     * The appending thread waits until the writer hands a buffer back; the wait is counted in
     * {@link EventLogStats#blockedNanos()}. Memory stays at two buffers, and a kill -9 loses at most two buffers
     * of records.
     */
    BLOCK,
    /**
     * The log allocates another buffer (through its allocator, so a limit set there still holds and fails
     * loudly), and the appending thread never waits; a kill -9 loses at most the records of every buffer not yet
     * written, which grows with the backlog.
     */
    GROW
}
