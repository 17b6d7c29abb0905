package io.tickstore.columns;

import java.util.Objects;

/**
 * The one root of every failure Tickstore reports: unchecked, classified by a {@link Problem}, and with the
 * thing at fault (a path, a run, a session, a backend) at the start of its message. Callers that want to react
 * to a kind of failure switch on {@link #problem()}; callers that only report print {@link #getMessage()}, which
 * is one line written for the person who has to fix it.
 */
public class TickstoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure, grouped by the part of Tickstore that reports it. */
    public enum Problem {
        // ---- runs and their lifecycle
        /** Another writer holds the run: a second process, or a second recording in this JVM. */
        RUN_LOCKED(Area.RUN),
        /** A run of that name exists already. */
        RUN_EXISTS(Area.RUN),
        /** There is no run (or store) at that path. */
        NO_SUCH_RUN(Area.RUN),
        /** The run's settings file is missing, damaged or contradicts what was asked. */
        BAD_RUN_SETTINGS(Area.RUN),
        /** What was asked for does not fit in the memory this JVM may use. */
        WONT_FIT(Area.RUN),
        /** A write reached a recorded world without reaching its event log. */
        UNRECORDED_WRITE(Area.RUN),
        /** An argument is out of range or malformed. */
        INVALID_ARGUMENT(Area.RUN),
        /** The operating system refused or failed an operation (no space, an I/O error, permission denied). */
        IO(Area.RUN),

        // ---- snapshot and event log files
        /** A file the snapshot or log needs does not exist. */
        MISSING_FILE(Area.FORMAT),
        /** A file is damaged or not what its manifest, header or codebook says. */
        DAMAGED_FILE(Area.FORMAT),

        // ---- replay
        /** A tick cannot be rebuilt: no snapshot before it, or the log does not reach it. */
        CANNOT_REPLAY(Area.REPLAY),

        // ---- persistence backends
        /** A database refused or failed a journal operation. */
        PERSISTENCE(Area.PERSISTENCE);

        private final Area area;

        Problem(Area area) {
            this.area = area;
        }

        /** The part of Tickstore that reports this problem. */
        public Area area() {
            return area;
        }
    }

    /** The parts of Tickstore problems come from. */
    public enum Area {
        /** Runs, recordings, stores. */
        RUN,
        /** The snapshot and event log formats. */
        FORMAT,
        /** Rebuilding ticks. */
        REPLAY,
        /** Database journals. */
        PERSISTENCE
    }

    private final Problem problem;

    public TickstoreException(Problem problem, String message) {
        super(message);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public TickstoreException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Problem problem() {
        return problem;
    }
}
