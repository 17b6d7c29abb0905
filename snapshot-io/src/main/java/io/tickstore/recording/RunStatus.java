package io.tickstore.recording;

/**
 * How a run stands, as {@code run.json} records it and {@code inspect} reports it. A recording writes
 * {@link #RUNNING} when it starts and one of the final states when it closes; a run whose file still says
 * {@code RUNNING} while no writer holds its lock was killed: {@link #CRASHED}, which no file ever holds.
 */
public enum RunStatus {
    /** A recording is writing the run now. */
    RUNNING,
    /** The run reached the end tick its settings name. */
    COMPLETED,
    /** The recording closed before the end tick (or the run has none); resume continues it. */
    STOPPED,
    /** The recording closed after a failure (a system threw, a write failed); resume continues from the last complete tick. */
    FAILED,
    /** The recording was interrupted by a signal; resume continues it. */
    INTERRUPTED,
    /** The file says running, but no process holds the run: it was killed. Derived, never written. */
    CRASHED;

    /** The lower-case name used in files and output. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static RunStatus parse(String label) {
        for (RunStatus s : values()) {
            if (s.label().equals(label) && s != CRASHED) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + label + "' is not a run status");
    }
}
