package io.tickstore.backends;

import io.tickstore.backends.PersistenceException.Problem;
import io.tickstore.backends.postgres.PostgresOptions;
import io.tickstore.backends.postgres.PostgresRuntime;
import io.tickstore.backends.sqlite.SqliteRuntime;
import java.nio.file.Path;

/**
 * Opens a backend from the text a user types ({@code --persist} and {@code --from} of the CLI):
 *
 * <pre>
 *   sqlite::memory:                                         a private in-memory SQLite database
 *   sqlite:PATH                                             a SQLite file (created with its directories)
 *   postgres:jdbc:postgresql://HOST:PORT/DB?user=U          PostgreSQL, schema "tickstore", created if missing
 * </pre>
 *
 * The returned backend is ready to use: SQLite creates its tables on open, and PostgreSQL's
 * {@link PostgresExtensions#initSchema()} has run. The caller closes it.
 */
public final class Backends {
    public static final String SQLITE_PREFIX = "sqlite:";
    public static final String POSTGRES_PREFIX = "postgres:";
    public static final String SQLITE_MEMORY = "sqlite::memory:";

    private Backends() {
    }

    /** Opens the backend {@code spec} names, PostgreSQL with {@link PostgresOptions#defaults()}. */
    public static RuntimePersistence open(String spec) {
        return open(spec, PostgresOptions.defaults());
    }

    /** Opens the backend {@code spec} names; {@code postgresOptions} apply when it is PostgreSQL. */
    public static RuntimePersistence open(String spec, PostgresOptions postgresOptions) {
        if (spec == null) {
            throw usage("null");
        }
        if (spec.equals(SQLITE_MEMORY)) {
            return SqliteRuntime.inMemory();
        }
        if (spec.startsWith(SQLITE_PREFIX)) {
            String path = spec.substring(SQLITE_PREFIX.length());
            if (path.isEmpty()) {
                throw usage(spec);
            }
            return SqliteRuntime.open(Path.of(path));
        }
        if (spec.startsWith(POSTGRES_PREFIX)) {
            String url = spec.substring(POSTGRES_PREFIX.length());
            if (!url.startsWith("jdbc:postgresql:")) {
                throw usage(spec);
            }
            PostgresRuntime runtime = PostgresRuntime.open(url, postgresOptions);
            try {
                runtime.initSchema();
            } catch (RuntimeException e) {
                runtime.close();
                throw e;
            }
            return runtime;
        }
        throw usage(spec);
    }

    private static PersistenceException usage(String spec) {
        return new PersistenceException(Problem.INVALID_INPUT, "'" + spec + "' names no backend; use sqlite:PATH, " + SQLITE_MEMORY
                + " or postgres:jdbc:postgresql://HOST:PORT/DATABASE?user=USER");
    }
}
