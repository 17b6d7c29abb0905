package io.tickstore.backends;

import io.tickstore.columns.TickstoreException;

/**
 * A persistence operation was refused or failed. The message names the backend (without its password) and the
 * session first, then what is wrong; {@link #problem()} classifies it, always with a problem of
 * {@link Area#PERSISTENCE}: {@link Problem#UNKNOWN_SESSION}, {@link Problem#SCHEMA_MISMATCH},
 * {@link Problem#INVALID_IDENTIFIER}, {@link Problem#INVALID_INPUT}, {@link Problem#TICK_CONFLICT},
 * {@link Problem#NO_SUCH_TICK}, {@link Problem#NO_JOURNAL}, {@link Problem#CORRUPT_JOURNAL} or
 * {@link Problem#DATABASE}. Whatever the problem, the failed operation has written nothing: every write runs in one
 * transaction that is rolled back before this is thrown.
 */
public class PersistenceException extends TickstoreException {
    private static final long serialVersionUID = 1L;

    public PersistenceException(Problem problem, String message) {
        super(problem, message);
        assert problem.area() == Area.PERSISTENCE : problem + " is not a persistence problem";
    }

    public PersistenceException(Problem problem, String message, Throwable cause) {
        super(problem, message, cause);
        assert problem.area() == Area.PERSISTENCE : problem + " is not a persistence problem";
    }
}
