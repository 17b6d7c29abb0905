package io.tickstore.backends.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Finds the password for a PostgreSQL URL where psql users keep it, in libpq's order: the URL itself
 * ({@code password=} or {@code USER:PASSWORD@}), then the environment variable {@code PGPASSWORD}, then the password
 * file: the one {@code PGPASSFILE} names, else {@code ~/.pgpass} ({@code %APPDATA%\postgresql\pgpass.conf} on
 * Windows), in {@link PgPassFile}'s format, matched against the URL's first host, its port, database and user
 * (the database defaulting to the user and the user to the system user, as the driver does).
 *
 * <p>As psql, a password file that is not a regular file, or that its group or others may access at all, is ignored
 * with a warning: a password others can read is no secret, and silently using it would hide that.
 *
 * <p>The environment is injected ({@link #of}) so that tests need not change the process's own; {@link #system()}
 * reads the real one.
 */
public final class PasswordLookup {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Function<String, String> environment;
    private final Path defaultPasswordFile;
    private final String systemUser;
    private final Consumer<String> warnings;

    private PasswordLookup(Function<String, String> environment, Path defaultPasswordFile, String systemUser, Consumer<String> warnings) {
        this.environment = environment;
        this.defaultPasswordFile = defaultPasswordFile;
        this.systemUser = systemUser;
        this.warnings = warnings;
    }

    /** The process's environment, home directory and user; warnings go to this class's {@link System.Logger}. */
    public static PasswordLookup system() {
        System.Logger log = System.getLogger(PasswordLookup.class.getName());
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        String appData = System.getenv("APPDATA");
        Path file = windows && appData != null ? Path.of(appData, "postgresql", "pgpass.conf")
                : Path.of(System.getProperty("user.home"), ".pgpass");
        return new PasswordLookup(System::getenv, file, System.getProperty("user.name"), m -> log.log(System.Logger.Level.WARNING, m));
    }

    /**
     * A lookup in the given environment: {@code variables} stand for the process's environment, {@code home} for the
     * home directory holding {@code .pgpass}, {@code systemUser} for the user the driver connects as by default;
     * {@code warnings} receives what would be logged.
     */
    public static PasswordLookup of(Map<String, String> variables, Path home, String systemUser, Consumer<String> warnings) {
        return new PasswordLookup(Map.copyOf(variables)::get, home.resolve(".pgpass"), systemUser, warnings);
    }

    /** The password to connect to {@code url} with, or empty. */
    public Optional<String> find(PostgresUrl url) {
        return Optional.ofNullable(lookUp(url).password());
    }

    /**
     * The password property to give the driver: the password found; null when there is none, so that the driver
     * reports "no password was provided" if the server asks for one; or an empty one when a password file was
     * ignored, since pgjdbc, given no password, reads that same file itself, without psql's permission rule.
     */
    String forDriver(PostgresUrl url) {
        Found found = lookUp(url);
        return found.password() != null ? found.password() : found.fileIgnored() ? "" : null;
    }

    private record Found(String password, boolean fileIgnored) {
        static final Found NOTHING = new Found(null, false);
        static final Found IGNORED_FILE = new Found(null, true);
    }

    private Found lookUp(PostgresUrl url) {
        Optional<String> inUrl = url.password();
        if (inUrl.isPresent()) {
            return new Found(inUrl.get(), false);
        }
        String variable = environment.apply("PGPASSWORD");
        if (variable != null && !variable.isEmpty()) {
            return new Found(variable, false);
        }
        String named = environment.apply("PGPASSFILE");
        Path file = named != null && !named.isEmpty() ? Path.of(named) : defaultPasswordFile;
        String user = url.user().orElse(systemUser);
        if (user == null) {
            return Found.NOTHING;
        }
        return fromFile(file, url.host(), url.port(), url.database().orElse(user), user);
    }

    private Found fromFile(Path file, String host, String port, String database, String user) {
        if (!Files.exists(file)) {
            return Found.NOTHING;
        }
        if (!Files.isRegularFile(file)) {
            warnings.accept("password file " + file + " is not a plain file and is ignored");
            return Found.IGNORED_FILE;
        }
        try {
            Set<PosixFilePermission> access = EnumSet.copyOf(Files.getPosixFilePermissions(file));
            access.retainAll(GROUP_OR_OTHERS);
            if (!access.isEmpty()) {
                warnings.accept("password file " + file + " has group or world access and is ignored, as psql ignores it;"
                        + " make it private with chmod 0600 " + file);
                return Found.IGNORED_FILE;
            }
        } catch (UnsupportedOperationException e) {
            // no POSIX permissions (Windows): libpq does not check there either
        } catch (IOException e) {
            warnings.accept("password file " + file + " cannot be read and is ignored: " + e.getMessage());
            return Found.IGNORED_FILE;
        }
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            warnings.accept("password file " + file + " cannot be read and is ignored: " + e.getMessage());
            return Found.IGNORED_FILE;
        }
        return new Found(PgPassFile.lookup(Arrays.asList(text.split("\n")), host, port, database, user).orElse(null), false);
    }
}
