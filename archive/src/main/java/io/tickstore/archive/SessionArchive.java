package io.tickstore.archive;

import io.tickstore.archive.internal.Sha256;
import io.tickstore.backends.RuntimePersistence;
import io.tickstore.backends.SessionDataset;
import io.tickstore.backends.SessionInfo;
import io.tickstore.backends.SessionStore;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.internal.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Archives of finished sessions: the entry point for exporting a session to Parquet, verifying an archive against
 * the database, purging the session once its archive is verified, and listing what an archive holds. Object stores
 * are {@link ObjectStore}'s; queries are {@link ArchiveQuery}'s.
 *
 * <pre>
 * try (RuntimePersistence db = Backends.open("postgres:jdbc:postgresql://127.0.0.1:5432/test?user=postgres")) {
 *     SessionStore sessions = (SessionStore) db;
 *     SessionArchive.export(sessions, session, Path.of("archive"));       // one Parquet dataset per table
 *     SessionArchive.verify(sessions, session, Path.of("archive"));       // files and database agree
 *     SessionArchive.purge(sessions, session, Path.of("archive"));        // verifies again, then deletes the session
 * }
 * </pre>
 *
 * <h2>Layout</h2>
 * {@code ARCHIVE/<table>/session_id=<id>/part-0.parquet} for every table of the session (journal tables, ticks,
 * tick tables, events, tick logs, metadata, summaries, traces: Hive-style partitions, so DuckDB, Spark and Trino
 * read {@code ARCHIVE/<table>/} as one table with a {@code session_id} column), and
 * {@code ARCHIVE/_sessions/session_id=<id>/manifest.json}, written last. archive/FORMAT.md has the details.
 *
 * <h2>Interrupted exports</h2>
 * An export writes every file into a hidden staging directory ({@code ARCHIVE/.staging-<id>-<nonce>/}), removes a
 * previous manifest of the session, moves the partitions into place, and writes the manifest last (temporary file,
 * fsync, rename). Interrupted at any point, it leaves no manifest, so no archive that looks complete: readers and
 * verify go by manifests, and a new export replaces what it left.
 */
public final class SessionArchive {
    static final String STAGING_PREFIX = ".staging-";
    static final String PART = "part-0.parquet";

    private SessionArchive() {
    }

    // ------------------------------------------------------------------ export

    /**
     * Exports every table of a finished session to Parquet under {@code archiveDir}. A session a writer holds is
     * refused ({@code SESSION_ACTIVE}); an unknown one is {@code UNKNOWN_SESSION}.
     */
    public static ArchivedSession export(SessionStore store, UUID session, Path archiveDir) throws IOException {
        SessionInfo info = store.session(session);
        if (info.isRunning()) {
            throw new TickstoreException(Problem.SESSION_ACTIVE, describe(store) + ": session " + session
                    + " is being written right now; archive it once its run has ended");
        }
        Files.createDirectories(archiveDir);
        Path staging = archiveDir.resolve(STAGING_PREFIX + session + "-" + Directories.nonce());
        Files.createDirectories(staging);
        try {
            List<ArchiveManifest.Dataset> datasets = new ArrayList<>();
            try (Connection duck = DuckDb.open(staging)) {
                for (SessionDataset dataset : store.datasets(session)) {
                    datasets.add(exportDataset(store, session, dataset, duck, staging));
                }
            } catch (SQLException e) {
                throw new TickstoreException(Problem.ARCHIVE_INCOMPLETE, archiveDir + ": writing Parquet for session " + session + " failed: "
                        + e.getMessage(), e);
            }
            ArchiveManifest manifest = new ArchiveManifest(session, describe(store), Instant.now(), datasets);
            publish(archiveDir, staging, manifest);
            return ArchivedSession.of(manifest);
        } finally {
            Directories.deleteRecursively(staging);
        }
    }

    private static ArchiveManifest.Dataset exportDataset(SessionStore store, UUID session, SessionDataset dataset, Connection duck, Path staging)
            throws SQLException, IOException {
        String relative = ArchiveManifest.partitionDir(dataset.name(), session) + "/" + PART;
        Path file = staging.resolve(relative);
        Files.createDirectories(file.getParent());
        String table = DuckDb.quote("export_" + dataset.name());
        List<ArchiveManifest.Column> columns = new ArrayList<>();
        long[] rows = {0};
        ColumnKind.RowHash hash = new ColumnKind.RowHash();
        store.readDataset(session, dataset, rs -> {
            ResultSetMetaData meta = rs.getMetaData();
            int n = meta.getColumnCount();
            ColumnKind[] kinds = new ColumnKind[n];
            StringBuilder ddl = new StringBuilder("CREATE OR REPLACE TABLE " + table + " (");
            for (int i = 1; i <= n; i++) {
                kinds[i - 1] = ColumnKind.of(meta, i);
                columns.add(new ArchiveManifest.Column(meta.getColumnName(i), kinds[i - 1].duckType));
                ddl.append(i > 1 ? ", " : "").append(DuckDb.quote(meta.getColumnName(i))).append(' ').append(kinds[i - 1].duckType);
            }
            try (Statement st = duck.createStatement()) {
                st.execute(ddl.append(')').toString());
            }
            try (DuckDBAppender appender = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "export_" + dataset.name())) {
                while (rs.next()) {
                    appender.beginRow();
                    for (int i = 1; i <= n; i++) {
                        kinds[i - 1].copy(rs, i, hash, appender);
                    }
                    appender.endRow();
                    rows[0]++;
                }
            }
        });
        try (Statement st = duck.createStatement()) {
            st.execute("COPY (SELECT * FROM " + table + ") TO '" + DuckDb.literal(file.toString()) + "' (FORMAT parquet, COMPRESSION zstd)");
            st.execute("DROP TABLE " + table);
        }
        return new ArchiveManifest.Dataset(dataset.name(), relative, rows[0], hash.hex(), sha256(file), Files.size(file), dataset.orderBy(), columns);
    }

    /** Moves the staged partitions into place and writes the manifest last. */
    private static void publish(Path archiveDir, Path staging, ArchiveManifest manifest) throws IOException {
        Path manifestFile = archiveDir.resolve(ArchiveManifest.path(manifest.session()));
        // the old manifest goes first: from here until the new one is written, the session has no complete archive
        if (Files.deleteIfExists(manifestFile)) {
            Directories.fsync(manifestFile.getParent());
        }
        for (ArchiveManifest.Dataset d : manifest.datasets()) {
            Path from = staging.resolve(d.file()).getParent();
            Path to = archiveDir.resolve(d.file()).getParent();
            Files.createDirectories(to.getParent());
            if (Files.exists(to)) {
                Directories.deleteRecursively(to);
            }
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            Directories.fsync(to.getParent());
        }
        writeAtomically(manifestFile, manifest.encode());
    }

    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp-" + Directories.nonce());
        try {
            Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try (var channel = java.nio.channels.FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Directories.fsync(file.getParent());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    // ------------------------------------------------------------------ reading an archive

    /** The session's manifest under {@code archiveDir}; {@code ARCHIVE_INCOMPLETE} when there is none. */
    static ArchiveManifest manifest(Path archiveDir, UUID session) throws IOException {
        Path file = archiveDir.resolve(ArchiveManifest.path(session));
        try {
            return ArchiveManifest.decode(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new TickstoreException(Problem.ARCHIVE_INCOMPLETE, file + ": no manifest, so " + archiveDir + " holds no complete archive of session "
                    + session + " (an export that did not finish leaves none); export it again");
        }
    }

    /** Every completely archived session under {@code archiveDir} (those with a manifest), in session order. */
    public static List<ArchivedSession> list(Path archiveDir) throws IOException {
        List<ArchivedSession> out = new ArrayList<>();
        for (UUID session : sessions(archiveDir)) {
            out.add(ArchivedSession.of(manifest(archiveDir, session)));
        }
        return out;
    }

    static List<UUID> sessions(Path archiveDir) throws IOException {
        Path dir = archiveDir.resolve("_sessions");
        List<UUID> ids = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            if (!Files.isDirectory(archiveDir)) {
                throw new NoSuchFileException(archiveDir.toString(), null, "no such archive directory");
            }
            return ids;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith("session_id=") && Files.exists(p.resolve("manifest.json"))) {
                    ids.add(UUID.fromString(name.substring("session_id=".length())));
                }
            }
        }
        return ids;
    }

    // ------------------------------------------------------------------ verify and purge

    /**
     * Checks the archived session: every file's SHA-256, rows and content hash recomputed from the Parquet file,
     * all against the manifest; and, when {@code store} is given and still holds the session, the database's rows and
     * content hash of every table against the manifest too (and no table of the session missing from the archive).
     * Problems are reported, not thrown; a missing manifest is {@code ARCHIVE_INCOMPLETE}.
     */
    public static ArchiveCheck verify(SessionStore store, UUID session, Path archiveDir) throws IOException {
        ArchiveManifest manifest = manifest(archiveDir, session);
        List<String> problems = new ArrayList<>();
        long rows = 0;
        try (Connection duck = DuckDb.open(null)) {
            for (ArchiveManifest.Dataset d : manifest.datasets()) {
                Path file = archiveDir.resolve(d.file());
                if (!Files.isRegularFile(file)) {
                    problems.add(file + ": missing (the manifest lists it with " + d.rows() + " rows)");
                    continue;
                }
                String sha = sha256(file);
                if (!sha.equals(d.sha256())) {
                    problems.add(file + ": SHA-256 of the file is " + sha + " but the manifest records " + d.sha256() + ": the file was damaged or replaced");
                    continue;
                }
                long[] counted = {0};
                String parquetHash;
                try {
                    parquetHash = hashParquet(duck, file, d, counted);
                } catch (SQLException e) {
                    problems.add(file + ": not readable as Parquet: " + e.getMessage());
                    continue;
                }
                rows += counted[0];
                if (counted[0] != d.rows() || !parquetHash.equals(d.contentHash())) {
                    problems.add(file + ": holds " + counted[0] + " rows with content hash " + parquetHash + " but the manifest records " + d.rows()
                            + " rows with " + d.contentHash());
                }
            }
        } catch (SQLException e) {
            throw new TickstoreException(Problem.ARCHIVE_MISMATCH, archiveDir + ": cannot start DuckDB to read the archive: " + e.getMessage(), e);
        }
        boolean againstDatabase = false;
        if (store != null && store.sessions().stream().anyMatch(s -> s.id().equals(session))) {
            againstDatabase = true;
            Map<String, ArchiveManifest.Dataset> archived = new TreeMap<>();
            manifest.datasets().forEach(d -> archived.put(d.name(), d));
            for (SessionDataset dataset : store.datasets(session)) {
                ArchiveManifest.Dataset d = archived.remove(dataset.name());
                String where = describe(store) + " session " + session + " table " + dataset.name();
                if (d == null) {
                    problems.add(where + ": not in the archive");
                    continue;
                }
                long[] counted = {0};
                ColumnKind.RowHash hash = new ColumnKind.RowHash();
                store.readDataset(session, dataset, rs -> {
                    int n = rs.getMetaData().getColumnCount();
                    ColumnKind[] kinds = new ColumnKind[n];
                    for (int i = 1; i <= n; i++) {
                        kinds[i - 1] = ColumnKind.of(rs.getMetaData(), i);
                    }
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            kinds[i - 1].copy(rs, i, hash, null);
                        }
                        counted[0]++;
                    }
                });
                String dbHash = hash.hex();
                if (counted[0] != d.rows() || !dbHash.equals(d.contentHash())) {
                    problems.add(where + ": holds " + counted[0] + " rows with content hash " + dbHash + " but the archive has " + d.rows()
                            + " rows with " + d.contentHash() + ": the session changed after it was exported; export it again");
                }
            }
            for (String extra : archived.keySet()) {
                problems.add(describe(store) + " session " + session + ": the archive has table " + extra + ", which the database no longer holds");
            }
        }
        return new ArchiveCheck(session, manifest.datasets().size(), rows, againstDatabase, problems);
    }

    private static String hashParquet(Connection duck, Path file, ArchiveManifest.Dataset d, long[] counted) throws SQLException {
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < d.columns().size(); i++) {
            select.append(i > 0 ? ", " : "").append(DuckDb.quote(d.columns().get(i).name()));
        }
        select.append(" FROM read_parquet('").append(DuckDb.literal(file.toString())).append("', hive_partitioning = false)");
        for (int i = 0; i < d.orderBy().size(); i++) {
            select.append(i == 0 ? " ORDER BY " : ", ").append(DuckDb.quote(d.orderBy().get(i)));
        }
        ColumnKind[] kinds = new ColumnKind[d.columns().size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = ColumnKind.ofDuckType(d.columns().get(i).type());
        }
        ColumnKind.RowHash hash = new ColumnKind.RowHash();
        try (PreparedStatement q = duck.prepareStatement(select.toString()); ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                for (int i = 1; i <= kinds.length; i++) {
                    kinds[i - 1].copy(rs, i, hash, null);
                }
                counted[0]++;
            }
        }
        return hash.hex();
    }

    /**
     * Deletes the session from the database once its archive under {@code archiveDir} is verified: the verification
     * runs here, against the database, and any problem refuses the purge ({@code NOT_ARCHIVED}, naming the first).
     * A session with no archive there is refused the same way.
     */
    public static SessionInfo purge(SessionStore store, UUID session, Path archiveDir) throws IOException {
        ArchiveCheck check;
        try {
            check = verify(store, session, archiveDir);
        } catch (TickstoreException e) {
            throw new TickstoreException(Problem.NOT_ARCHIVED, describe(store) + ": session " + session + " has no verified archive in " + archiveDir
                    + ", so it is not purged: " + e.getMessage(), e);
        }
        if (!check.againstDatabase()) {
            throw new TickstoreException(Problem.UNKNOWN_SESSION, describe(store) + ": session " + session + " is not in the database (purged already?)");
        }
        if (!check.ok()) {
            throw new TickstoreException(Problem.NOT_ARCHIVED, describe(store) + ": session " + session + " has no verified archive in " + archiveDir
                    + ", so it is not purged: " + check.problems().get(0) + (check.problems().size() > 1 ? " (and " + (check.problems().size() - 1)
                    + " more problems)" : ""));
        }
        return store.deleteSession(session);
    }

    // ------------------------------------------------------------------ plumbing

    static String describe(SessionStore store) {
        return store instanceof RuntimePersistence ? ((RuntimePersistence) store).describe() : store.toString();
    }

    static String sha256(Path file) throws IOException {
        return Sha256.hex(file);
    }
}
