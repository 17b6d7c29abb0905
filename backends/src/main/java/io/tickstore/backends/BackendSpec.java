package io.tickstore.backends;

import io.tickstore.backends.postgres.PostgresUrl;
import io.tickstore.columns.TickstoreException.Problem;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A backend named the way a user types it, parsed into its parts:
 *
 * <pre>
 *   sqlite::memory:                                         a private in-memory SQLite database
 *   sqlite:PATH                                             a SQLite file
 *   postgres:jdbc:postgresql://HOST:PORT/DB?user=U          PostgreSQL
 * </pre>
 *
 * This is the one place that decides how a backend is shown: {@link #toString()} is the spec without any password
 * ({@code password=} parameters and {@code USER:PASSWORD@} are dropped, not masked, so the text still works as a
 * spec when the password comes from {@code PGPASSWORD} or {@code ~/.pgpass}). Descriptions, exception messages,
 * summaries, JSON and suggested commands all print a backend through it; {@link #redact} covers text that did not
 * parse.
 */
public final class BackendSpec {
    public static final String SQLITE_PREFIX = "sqlite:";
    public static final String POSTGRES_PREFIX = "postgres:";
    public static final String SQLITE_MEMORY = "sqlite::memory:";

    /** What kind of backend a spec names. */
    public enum Kind { SQLITE_FILE, SQLITE_MEMORY, POSTGRES }

    // password=VALUE and ...password=VALUE parameters, and the PASSWORD of //USER:PASSWORD@HOST (up to its last @)
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;#\\s]*");
    private static final Pattern PASSWORD_IN_AUTHORITY = Pattern.compile("(//[^/:@?\\s]*:)[^/?\\s]*@");

    private final Kind kind;
    private final Path sqliteFile;
    private final PostgresUrl postgresUrl;

    private BackendSpec(Kind kind, Path sqliteFile, PostgresUrl postgresUrl) {
        this.kind = kind;
        this.sqliteFile = sqliteFile;
        this.postgresUrl = postgresUrl;
    }

    /** Parses {@code text}; throws {@link Problem#INVALID_INPUT} (quoting it without its password) when it names no backend. */
    public static BackendSpec parse(String text) {
        if (text == null) {
            throw namesNoBackend("null");
        }
        if (text.equals(SQLITE_MEMORY)) {
            return new BackendSpec(Kind.SQLITE_MEMORY, null, null);
        }
        if (text.startsWith(SQLITE_PREFIX)) {
            String path = text.substring(SQLITE_PREFIX.length());
            if (path.isEmpty()) {
                throw namesNoBackend(text);
            }
            return new BackendSpec(Kind.SQLITE_FILE, Path.of(path), null);
        }
        if (text.startsWith(POSTGRES_PREFIX)) {
            String url = text.substring(POSTGRES_PREFIX.length());
            if (!url.startsWith(PostgresUrl.PREFIX)) {
                throw namesNoBackend(text);
            }
            return postgres(PostgresUrl.parse(url));
        }
        throw namesNoBackend(text);
    }

    /** The spec of a SQLite file. */
    public static BackendSpec sqlite(Path file) {
        return new BackendSpec(Kind.SQLITE_FILE, file, null);
    }

    /** The spec of a PostgreSQL URL. */
    public static BackendSpec postgres(PostgresUrl url) {
        return new BackendSpec(Kind.POSTGRES, null, url);
    }

    public Kind kind() {
        return kind;
    }

    /** The file of a {@link Kind#SQLITE_FILE} spec. */
    public Path sqliteFile() {
        if (kind != Kind.SQLITE_FILE) {
            throw new IllegalStateException(this + " names no SQLite file");
        }
        return sqliteFile;
    }

    /** The URL of a {@link Kind#POSTGRES} spec. */
    public PostgresUrl postgresUrl() {
        if (kind != Kind.POSTGRES) {
            throw new IllegalStateException(this + " names no PostgreSQL server");
        }
        return postgresUrl;
    }

    /** The spec without any password: the only form of it that is ever printed. */
    @Override
    public String toString() {
        switch (kind) {
            case SQLITE_MEMORY: return SQLITE_MEMORY;
            case SQLITE_FILE: return SQLITE_PREFIX + sqliteFile;
            default: return POSTGRES_PREFIX + postgresUrl;
        }
    }

    /**
     * {@code text} with the values of password parameters and the password of {@code USER:PASSWORD@} replaced by
     * {@code ***}: for quoting back text that did not parse as a spec (masked rather than dropped, so the user sees
     * where it was).
     */
    public static String redact(String text) {
        String masked = PASSWORD_PARAMETER.matcher(text).replaceAll("$1***");
        return PASSWORD_IN_AUTHORITY.matcher(masked).replaceAll("$1***@");
    }

    private static PersistenceException namesNoBackend(String text) {
        return new PersistenceException(Problem.INVALID_INPUT, "'" + redact(text) + "' names no backend; use sqlite:PATH, " + SQLITE_MEMORY
                + " or postgres:jdbc:postgresql://HOST:PORT/DATABASE?user=USER");
    }
}
