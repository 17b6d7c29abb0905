package io.tickstore.backends.postgres;

import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.internal.journal.JournalNames;
import io.tickstore.columns.TickstoreException.Problem;
import java.util.regex.Pattern;

/**
 * How {@link PostgresRuntime} connects and writes. Immutable; every {@code with} returns a copy.
 *
 * <ul>
 *   <li>{@code schema}: the PostgreSQL schema (namespace) that holds every Tickstore table; default
 *       {@value #DEFAULT_SCHEMA}. Lower-case letters, digits and underscores, starting with a letter or underscore.</li>
 *   <li>{@code poolSize}: connections in the pool, default 4; each concurrent persist or hydrate holds one.</li>
 *   <li>{@code applicationName}: shown in {@code pg_stat_activity}, default {@code tickstore}.</li>
 *   <li>{@code writeMethod}: {@link WriteMethod#BINARY_COPY} unless a benchmark asks for another.</li>
 *   <li>{@code copyChunkBytes}: bytes encoded before each hand-over to the driver, default 1 MiB.</li>
 *   <li>{@code copyTarget}: {@link CopyTarget#JOURNAL} (COPY straight into the journal) unless
 *       {@link CopyTarget#STAGING_TABLE} is asked for.</li>
 *   <li>{@code passwordLookup}: where the password comes from when the URL has none, {@link PasswordLookup#system()}
 *       unless a test injects an environment.</li>
 * </ul>
 */
public final class PostgresOptions {
    public static final String DEFAULT_SCHEMA = "tickstore";
    /** Rows per {@code executeBatch} for {@link WriteMethod#BATCHED_INSERT}. */
    public static final int INSERT_BATCH_ROWS = 1_000;
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final String schema;
    private final int poolSize;
    private final String applicationName;
    private final WriteMethod writeMethod;
    private final int copyChunkBytes;
    private final int connectTimeoutSeconds;
    private final CopyTarget copyTarget;
    private final PasswordLookup passwordLookup;
    private final boolean sessionPartitions;

    private PostgresOptions(String schema, int poolSize, String applicationName, WriteMethod writeMethod, int copyChunkBytes,
                            int connectTimeoutSeconds, CopyTarget copyTarget, PasswordLookup passwordLookup, boolean sessionPartitions) {
        this.sessionPartitions = sessionPartitions;
        this.schema = schema;
        this.poolSize = poolSize;
        this.applicationName = applicationName;
        this.writeMethod = writeMethod;
        this.copyChunkBytes = copyChunkBytes;
        this.connectTimeoutSeconds = connectTimeoutSeconds;
        this.copyTarget = copyTarget;
        this.passwordLookup = passwordLookup;
    }

    public static PostgresOptions defaults() {
        return new PostgresOptions(DEFAULT_SCHEMA, 4, "tickstore", WriteMethod.BINARY_COPY, 1 << 20, 10, CopyTarget.JOURNAL,
                PasswordLookup.system(), true);
    }

    public PostgresOptions withSchema(String name) {
        JournalNames.checkIdentifier(name, "PostgreSQL schema name");
        if (!SCHEMA_NAME.matcher(name).matches()) {
            throw new PersistenceException(Problem.INVALID_IDENTIFIER, "PostgreSQL schema name '" + name + "' must be lower case ("
                    + SCHEMA_NAME.pattern() + "), so that it means the same quoted and unquoted");
        }
        return new PostgresOptions(name, poolSize, applicationName, writeMethod, copyChunkBytes, connectTimeoutSeconds, copyTarget, passwordLookup, sessionPartitions);
    }

    public PostgresOptions withPoolSize(int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("pool size " + connections + " must be at least 1");
        }
        return new PostgresOptions(schema, connections, applicationName, writeMethod, copyChunkBytes, connectTimeoutSeconds, copyTarget, passwordLookup, sessionPartitions);
    }

    public PostgresOptions withApplicationName(String name) {
        if (name == null || name.isEmpty() || name.length() > 63) {
            throw new IllegalArgumentException("application name must be 1 to 63 characters, not '" + name + "'");
        }
        return new PostgresOptions(schema, poolSize, name, writeMethod, copyChunkBytes, connectTimeoutSeconds, copyTarget, passwordLookup, sessionPartitions);
    }

    public PostgresOptions withWriteMethod(WriteMethod method) {
        if (method == null) {
            throw new IllegalArgumentException("write method is null");
        }
        return new PostgresOptions(schema, poolSize, applicationName, method, copyChunkBytes, connectTimeoutSeconds, copyTarget, passwordLookup, sessionPartitions);
    }

    public PostgresOptions withCopyChunkBytes(int bytes) {
        if (bytes < 4096) {
            throw new IllegalArgumentException("COPY chunk of " + bytes + " bytes is below the minimum of 4096");
        }
        return new PostgresOptions(schema, poolSize, applicationName, writeMethod, bytes, connectTimeoutSeconds, copyTarget, passwordLookup, sessionPartitions);
    }

    /** How long opening the pool waits for the server before failing. */
    public PostgresOptions withConnectTimeoutSeconds(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("connect timeout " + seconds + " s must be at least 1 s");
        }
        return new PostgresOptions(schema, poolSize, applicationName, writeMethod, copyChunkBytes, seconds, copyTarget, passwordLookup, sessionPartitions);
    }

    /** Where the COPY write methods send rows; see {@link CopyTarget}. */
    public PostgresOptions withCopyTarget(CopyTarget target) {
        if (target == null) {
            throw new IllegalArgumentException("copy target is null");
        }
        return new PostgresOptions(schema, poolSize, applicationName, writeMethod, copyChunkBytes, connectTimeoutSeconds, target, passwordLookup, sessionPartitions);
    }

    /**
     * Where the password comes from when the URL carries none; default {@link PasswordLookup#system()}
     * ({@code PGPASSWORD}, then {@code PGPASSFILE} or {@code ~/.pgpass}). Tests inject their own environment here.
     */
    public PostgresOptions withPasswordLookup(PasswordLookup lookup) {
        if (lookup == null) {
            throw new IllegalArgumentException("password lookup is null");
        }
        return new PostgresOptions(schema, poolSize, applicationName, writeMethod, copyChunkBytes, connectTimeoutSeconds, copyTarget, lookup, sessionPartitions);
    }

    /**
     * Whether journal tables and the trace table created from now on are partitioned by session (LIST on the session
     * id; default true): each session gets partitions of its own when it is registered, and deleting it drops them.
     * Tables that exist keep the form they were created with. backends/README.md ("Sessions") has the measurements
     * behind the default.
     */
    public PostgresOptions withSessionPartitions(boolean partitioned) {
        return new PostgresOptions(schema, poolSize, applicationName, writeMethod, copyChunkBytes, connectTimeoutSeconds, copyTarget, passwordLookup,
                partitioned);
    }

    public boolean sessionPartitions() {
        return sessionPartitions;
    }

    public PasswordLookup passwordLookup() {
        return passwordLookup;
    }

    public CopyTarget copyTarget() {
        return copyTarget;
    }

    public String schema() {
        return schema;
    }

    public int poolSize() {
        return poolSize;
    }

    public String applicationName() {
        return applicationName;
    }

    public WriteMethod writeMethod() {
        return writeMethod;
    }

    public int copyChunkBytes() {
        return copyChunkBytes;
    }

    public int connectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }
}
