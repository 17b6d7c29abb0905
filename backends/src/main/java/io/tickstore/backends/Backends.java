package io.tickstore.backends;

import io.tickstore.backends.postgres.PostgresOptions;
import io.tickstore.backends.postgres.PostgresRuntime;
import io.tickstore.backends.sqlite.SqliteRuntime;
import io.tickstore.columns.TickstoreException.Problem;

/**
 * Opens a backend from the text a user types ({@code --persist} and {@code --from} of the CLI; see {@link BackendSpec}):
 *
 * <pre>
 *   sqlite::memory:                                         a private in-memory SQLite database
 *   sqlite:PATH                                             a SQLite file
 *   postgres:jdbc:postgresql://HOST:PORT/DB?user=U          PostgreSQL, schema "tickstore"
 * </pre>
 *
 * Two ways: {@link #open} to write (the SQLite file and its directories, PostgreSQL's schema and tables, are created
 * when missing: SQLite creates its tables on open, and PostgreSQL's {@link PostgresExtensions#initSchema()} has run),
 * and {@link #openExisting} to read a journal that is there, creating and changing nothing. The caller closes what
 * either returns. A PostgreSQL password may be in the URL, in {@code PGPASSWORD} or in the password file (see
 * {@link io.tickstore.backends.postgres.PasswordLookup}); no message ever shows it.
 */
public final class Backends {
    public static final String SQLITE_PREFIX = BackendSpec.SQLITE_PREFIX;
    public static final String POSTGRES_PREFIX = BackendSpec.POSTGRES_PREFIX;
    public static final String SQLITE_MEMORY = BackendSpec.SQLITE_MEMORY;

    private Backends() {
    }

    /** Opens the backend {@code spec} names for writing, PostgreSQL with {@link PostgresOptions#defaults()}. */
    public static RuntimePersistence open(String spec) {
        return open(BackendSpec.parse(spec), PostgresOptions.defaults());
    }

    /** Opens the backend {@code spec} names for writing; {@code postgresOptions} apply when it is PostgreSQL. */
    public static RuntimePersistence open(String spec, PostgresOptions postgresOptions) {
        return open(BackendSpec.parse(spec), postgresOptions);
    }

    /** Opens the backend {@code spec} names for writing; {@code postgresOptions} apply when it is PostgreSQL. */
    public static RuntimePersistence open(BackendSpec spec, PostgresOptions postgresOptions) {
        switch (spec.kind()) {
            case SQLITE_MEMORY:
                return SqliteRuntime.inMemory();
            case SQLITE_FILE:
                return SqliteRuntime.open(spec.sqliteFile());
            default:
                PostgresRuntime runtime = PostgresRuntime.open(spec.postgresUrl(), postgresOptions);
                try {
                    runtime.initSchema();
                } catch (RuntimeException e) {
                    runtime.close();
                    throw e;
                }
                return runtime;
        }
    }

    /** Opens an existing journal to read it, PostgreSQL with {@link PostgresOptions#defaults()}; see below. */
    public static RuntimePersistence openExisting(String spec) {
        return openExisting(BackendSpec.parse(spec), PostgresOptions.defaults());
    }

    /** Opens an existing journal to read it; {@code postgresOptions} apply when it is PostgreSQL. See below. */
    public static RuntimePersistence openExisting(String spec, PostgresOptions postgresOptions) {
        return openExisting(BackendSpec.parse(spec), postgresOptions);
    }

    /**
     * Opens the journal {@code spec} names to read it, creating and changing nothing: a SQLite file that does not
     * exist is not created and one that does is opened read-only ({@link SqliteRuntime#openExisting}); PostgreSQL's
     * schema is not initialised and its connections are read-only ({@link PostgresRuntime#openExisting}). Where there
     * is no journal to read (no such file, no such schema, tables missing) it throws {@link Problem#NO_JOURNAL}; a
     * call that would write throws {@link IllegalStateException}.
     */
    public static RuntimePersistence openExisting(BackendSpec spec, PostgresOptions postgresOptions) {
        switch (spec.kind()) {
            case SQLITE_MEMORY:
                throw new PersistenceException(Problem.NO_JOURNAL, SQLITE_MEMORY + ": a new in-memory database is always empty; there is no"
                        + " journal to read");
            case SQLITE_FILE:
                return SqliteRuntime.openExisting(spec.sqliteFile());
            default:
                return PostgresRuntime.openExisting(spec.postgresUrl(), postgresOptions);
        }
    }
}
