package io.tickstore.jmh.backends;

import io.tickstore.backends.RuntimePersistence;
import io.tickstore.backends.internal.journal.JournalNames;
import io.tickstore.backends.postgres.CopyTarget;
import io.tickstore.backends.postgres.PostgresOptions;
import io.tickstore.backends.postgres.PostgresRuntime;
import io.tickstore.backends.postgres.WriteMethod;
import io.tickstore.backends.sqlite.SqliteRuntime;
import io.tickstore.columns.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One write path under measurement, opened on its own storage: PostgreSQL with one of the three
 * {@link WriteMethod}s (binary COPY also with the {@link CopyTarget#STAGING_TABLE} target) in a database schema of
 * its own (dropped at close), or SQLite in a file of its own (deleted
 * at close). Every target journals through the same {@link RuntimePersistence#persistTick}, so all of them pay for
 * the same transaction, gate and registry rows; only the way rows reach the database differs.
 *
 * <p>The PostgreSQL server is the one the tests use: {@code TICKSTORE_PG_URL}, default
 * {@value #DEFAULT_URL}.
 */
final class JournalTarget implements AutoCloseable {
    /** The values the benchmarks' {@code target} parameter takes. */
    static final String PG_BINARY_COPY = "pg-binary-copy";
    static final String PG_BINARY_COPY_STAGED = "pg-binary-copy-staged";
    static final String PG_TEXT_COPY = "pg-text-copy";
    static final String PG_BATCHED_INSERT = "pg-batched-insert";
    static final String SQLITE_BATCHED_INSERT = "sqlite-batched-insert";
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private final String name;
    private final String pgSchema;
    private final Path sqliteDirectory;
    private final Collection<Schema> tables;
    private RuntimePersistence backend;
    private UUID session;

    private JournalTarget(String name, String pgSchema, Path sqliteDirectory, Collection<Schema> tables) {
        this.name = name;
        this.pgSchema = pgSchema;
        this.sqliteDirectory = sqliteDirectory;
        this.tables = List.copyOf(tables);
    }

    /** Opens {@code target} and registers one session for {@code tables}. */
    static JournalTarget open(String target, Collection<Schema> tables) throws IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        JournalTarget t;
        switch (target) {
            case PG_BINARY_COPY: case PG_BINARY_COPY_STAGED: case PG_TEXT_COPY: case PG_BATCHED_INSERT:
                t = new JournalTarget(target, "tickstore_bench_" + suffix, null, tables);
                break;
            case SQLITE_BATCHED_INSERT:
                t = new JournalTarget(target, null, Files.createTempDirectory("tickstore-bench-sqlite-"), tables);
                break;
            default:
                throw new IllegalArgumentException("unknown target '" + target + "'");
        }
        t.connect();
        return t;
    }

    private static String url() {
        String url = System.getenv("TICKSTORE_PG_URL");
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    private void connect() {
        if (pgSchema != null) {
            WriteMethod method = name.equals(PG_TEXT_COPY) ? WriteMethod.TEXT_COPY
                    : name.equals(PG_BATCHED_INSERT) ? WriteMethod.BATCHED_INSERT : WriteMethod.BINARY_COPY;
            CopyTarget target = name.equals(PG_BINARY_COPY_STAGED) ? CopyTarget.STAGING_TABLE : CopyTarget.JOURNAL;
            PostgresRuntime runtime = PostgresRuntime.open(url(),
                    PostgresOptions.defaults().withSchema(pgSchema).withPoolSize(2).withWriteMethod(method).withCopyTarget(target));
            runtime.initSchema();
            backend = runtime;
        } else {
            backend = SqliteRuntime.open(sqliteDirectory.resolve("bench.sqlite"));
        }
        session = UUID.randomUUID();
        backend.createSession(session, tables);
    }

    RuntimePersistence backend() {
        return backend;
    }

    UUID session() {
        return session;
    }

    /**
     * Empties the journal so the next persist writes into the state the first one found: truncates the tables in
     * PostgreSQL, starts a fresh file for SQLite (deleting a million rows would take longer than writing them).
     */
    void reset() throws SQLException, IOException {
        if (pgSchema != null) {
            List<String> names = new ArrayList<>();
            for (Schema schema : tables) {
                names.add(JournalNames.quote(pgSchema) + "." + JournalNames.quote(JournalNames.journalTable(schema)));
            }
            names.add(JournalNames.quote(pgSchema) + "." + JournalNames.quote(JournalNames.TICKS));
            try (Connection c = DriverManager.getConnection(url()); Statement st = c.createStatement()) {
                st.execute("TRUNCATE " + String.join(", ", names) + " CASCADE");
            }
        } else {
            backend.close();
            deleteContents(sqliteDirectory);
            connect();
        }
    }

    @Override
    public void close() throws SQLException, IOException {
        if (backend != null) {
            backend.close();
        }
        if (pgSchema != null) {
            try (Connection c = DriverManager.getConnection(url()); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + JournalNames.quote(pgSchema) + " CASCADE");
            }
        } else {
            deleteContents(sqliteDirectory);
            Files.deleteIfExists(sqliteDirectory);
        }
    }

    private static void deleteContents(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
