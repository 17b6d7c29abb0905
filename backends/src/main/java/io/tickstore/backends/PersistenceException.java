package io.tickstore.backends;

/**
 * A persistence operation was refused or failed. The message names the backend, the session and what is wrong;
 * {@link #problem()} classifies it for callers and tests. Whatever the problem, the failed operation has written
 * nothing: every write runs in one transaction that is rolled back before this is thrown.
 */
public class PersistenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Problem {
        /** The session id was never registered with {@link RuntimePersistence#createSession}. */
        UNKNOWN_SESSION,
        /** A world, or a second registration, does not match the schemas the session was created with. */
        SCHEMA_MISMATCH,
        /** A table, column or database schema name cannot be used as an identifier by this backend. */
        INVALID_IDENTIFIER,
        /** An argument is out of range or malformed (a negative tick, a payload that is not JSON, ...). */
        INVALID_INPUT,
        /** The tick is already stored with different content and the caller did not ask to overwrite it. */
        TICK_CONFLICT,
        /** The session has no stored tick of that number (or none at all). */
        NO_SUCH_TICK,
        /**
         * Nothing to read where a journal was expected: a SQLite file that does not exist or holds no journal, a
         * PostgreSQL schema without the journal's tables. Only a backend opened with {@code Backends.openExisting}
         * says so; one opened for writing creates what is missing.
         */
        NO_JOURNAL,
        /** What the database holds disagrees with itself (a missing row, a hash that does not match). */
        CORRUPT_JOURNAL,
        /** The database failed: lost connection, full disk, a server error. */
        DATABASE
    }

    private final Problem problem;

    public PersistenceException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public PersistenceException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
