package io.tickstore.archive.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.archive.internal.Sha256;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.internal.Directories;
import io.tickstore.snapshot.store.Store;
import io.tickstore.snapshot.verify.SnapshotVerifier;
import io.tickstore.snapshot.verify.VerifyReport;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Backups of a store (a directory of runs, plus any SQLite journals in it): take one, list them, restore one.
 *
 * <pre>
 * BackupInfo backup = StoreBackups.create(Path.of("data/runs"), Path.of("backups"));     // backups/2026-11-28T18-40-00Z
 * StoreBackups.list(Path.of("backups"));
 * StoreBackups.restore(backup.dir(), Path.of("restored"));                                // verified, then visible
 * </pre>
 *
 * <h2>What a backup holds, and how</h2>
 * <ul>
 *   <li>Published snapshots are immutable (they appear by rename and are never written again), so their files are
 *       <b>hard-linked</b>, not copied, where the file system allows (same device), and copied elsewhere. Only
 *       snapshots published when the backup lists the run are taken, each whole: one that retention removes
 *       meanwhile is left out entirely.</li>
 *   <li>An event log is copied segment by segment, then its codebook and counter (a chunk only ever needs codes the
 *       codebook held before it was written, so the later codebook covers every copied chunk). A log being written
 *       may end in a torn chunk, which readers ignore as after a crash.</li>
 *   <li>{@code run.json} is copied (it is replaced whole, never edited); the writer's lock is not.</li>
 *   <li>A SQLite database ({@code *.sqlite}, {@code *.db}) is copied through SQLite's online backup API, never as a
 *       file: a consistent image even while a journal writes to it.</li>
 * </ul>
 * Everything is written under a hidden temporary name in the backups directory; {@code backup.json} (format
 * version 1: every file with its size, SHA-256 and how it was taken) is written last and the directory renamed into
 * place. A backup without it is not one.
 *
 * <h2>Restore</h2>
 * Into a path that does not exist: every file is copied into a hidden temporary directory beside it, its SHA-256
 * checked against {@code backup.json} and every snapshot verified (CRC32C of every file against its manifest); only
 * then is the directory renamed to the target. A damaged backup is refused ({@code ARCHIVE_MISMATCH}, naming the
 * file) and nothing appears at the target.
 */
public final class StoreBackups {
    static final String MANIFEST = "backup.json";
    static final String FORMAT = "tickstore-backup";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    private StoreBackups() {
    }

    /** Takes a backup of {@code store} into a new directory of {@code backupsDir} named after the time (UTC). */
    public static BackupInfo create(Path store, Path backupsDir) throws IOException {
        Instant now = Instant.now();
        String name = NAME.format(now);
        for (int i = 2; Files.exists(backupsDir.resolve(name)); i++) {
            name = NAME.format(now) + "-" + i;
        }
        return create(store, backupsDir, name);
    }

    /** Takes a backup of {@code store} into {@code backupsDir/name}, which must not exist. */
    public static BackupInfo create(Path store, Path backupsDir, String name) throws IOException {
        if (!Files.isDirectory(store)) {
            throw new NoSuchFileException(store.toString(), null, "no such store directory");
        }
        Files.createDirectories(backupsDir);
        Path target = backupsDir.resolve(name);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a backup of that name exists");
        }
        Path temp = backupsDir.resolve("." + name + ".tmp-" + Directories.nonce());
        Files.createDirectories(temp);
        try {
            List<ObjectNode> files = new ArrayList<>();
            List<String> runs = new ArrayList<>();
            for (String run : Store.runsIn(store)) {
                runs.add(run);
                backupRun(store.resolve(run), temp.resolve(run), run, files);
            }
            try (Stream<Path> entries = Files.list(store)) {
                for (Path p : (Iterable<Path>) entries.sorted()::iterator) {
                    String file = p.getFileName().toString();
                    if (!Files.isRegularFile(p) || file.startsWith(".")) {
                        continue;
                    }
                    if (isSqlite(file)) {
                        sqliteBackup(p, temp.resolve(file));
                        files.add(entry(temp, file, "sqlite-backup"));
                    } else if (!file.endsWith("-wal") && !file.endsWith("-shm") && !file.endsWith(".lock")) {
                        Files.copy(p, temp.resolve(file));
                        files.add(entry(temp, file, "copy"));
                    }
                }
            }
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("format", FORMAT);
            manifest.put("formatVersion", VERSION);
            manifest.put("source", store.toAbsolutePath().normalize().toString());
            manifest.put("createdAt", Instant.now().toString());
            ArrayNode runList = manifest.putArray("runs");
            runs.forEach(runList::add);
            manifest.putArray("files").addAll(files);
            Files.write(temp.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            Directories.fsync(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            Directories.fsync(backupsDir);
        } finally {
            if (Files.exists(temp)) {
                Directories.deleteRecursively(temp);
            }
        }
        return read(target);
    }

    private static void backupRun(Path run, Path to, String runName, List<ObjectNode> files) throws IOException {
        Files.createDirectories(to);
        Path root = to.getParent();
        List<Path> snapshots = new ArrayList<>();
        Path logDir = null;
        try (Stream<Path> entries = Files.list(run)) {
            for (Path p : (Iterable<Path>) entries.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (name.matches("tick-\\d{20}") && Files.isDirectory(p)) {
                    snapshots.add(p);
                } else if (name.equals(EventLogLayout.RUN_SUBDIRECTORY) && Files.isDirectory(p)) {
                    logDir = p;
                } else if (name.equals("run.json")) {
                    Files.copy(p, to.resolve(name));
                    files.add(entry(root, runName + "/" + name, "copy"));
                }
            }
        }
        for (Path snapshot : snapshots) {
            Path into = to.resolve(snapshot.getFileName());
            List<ObjectNode> taken = new ArrayList<>();
            try {
                linkTree(snapshot, into, root, taken);
                files.addAll(taken);
            } catch (NoSuchFileException removedMeanwhile) {
                // retention removed it while it was being taken: a backup holds whole snapshots only
                Directories.deleteRecursively(into);
            }
        }
        if (logDir != null) {
            Path logTo = to.resolve(EventLogLayout.RUN_SUBDIRECTORY);
            Files.createDirectories(logTo);
            List<Path> segments = new ArrayList<>();
            try (Stream<Path> entries = Files.list(logDir)) {
                entries.filter(p -> p.getFileName().toString().startsWith(EventLogLayout.SEGMENT_PREFIX)
                        && p.getFileName().toString().endsWith(EventLogLayout.SEGMENT_SUFFIX)).sorted().forEach(segments::add);
            }
            for (Path segment : segments) {
                copyIfPresent(segment, logTo.resolve(segment.getFileName()), root, files);
            }
            // after the segments: the codebook then covers every code a copied chunk uses
            copyIfPresent(EventLogLayout.codebook(logDir), logTo.resolve(EventLogLayout.CODEBOOK), root, files);
            copyIfPresent(EventLogLayout.counter(logDir), logTo.resolve(EventLogLayout.COUNTER), root, files);
        }
    }

    private static void copyIfPresent(Path from, Path to, Path root, List<ObjectNode> files) throws IOException {
        try {
            Files.copy(from, to);
            files.add(entry(root, root.relativize(to).toString().replace('\\', '/'), "copy"));
        } catch (NoSuchFileException gone) {
            // a segment a recovery replaced or removed while the backup ran
        }
    }

    private static void linkTree(Path from, Path to, Path root, List<ObjectNode> files) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> entries = Files.list(from)) {
            for (Path p : (Iterable<Path>) entries.sorted()::iterator) {
                Path dest = to.resolve(p.getFileName().toString());
                if (Files.isDirectory(p)) {
                    linkTree(p, dest, root, files);
                    continue;
                }
                String how = "link";
                try {
                    Files.createLink(dest, p);
                } catch (UnsupportedOperationException | IOException crossDevice) {
                    if (crossDevice instanceof NoSuchFileException) {
                        throw (NoSuchFileException) crossDevice;
                    }
                    Files.copy(p, dest);
                    how = "copy";
                }
                files.add(entry(root, root.relativize(dest).toString().replace('\\', '/'), how));
            }
        }
    }

    private static boolean isSqlite(String name) {
        return name.endsWith(".sqlite") || name.endsWith(".db");
    }

    /** SQLite's online backup API (xerial's "backup to"): a consistent copy of a database others may be writing. */
    private static void sqliteBackup(Path database, Path to) throws IOException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath()); Statement st = c.createStatement()) {
            st.executeUpdate("backup to '" + to.toAbsolutePath().toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IOException(database + ": the SQLite backup failed: " + e.getMessage(), e);
        }
    }

    private static ObjectNode entry(Path root, String relative, String how) throws IOException {
        Path file = root.resolve(relative);
        ObjectNode n = JSON.createObjectNode();
        n.put("path", relative);
        n.put("bytes", Files.size(file));
        n.put("sha256", sha256(file));
        n.put("how", how);
        return n;
    }

    // ------------------------------------------------------------------ list, read

    /** The backups in {@code backupsDir}, oldest first (those with a {@code backup.json}). */
    public static List<BackupInfo> list(Path backupsDir) throws IOException {
        List<BackupInfo> out = new ArrayList<>();
        if (!Files.isDirectory(backupsDir)) {
            throw new NoSuchFileException(backupsDir.toString(), null, "no such backups directory");
        }
        try (Stream<Path> entries = Files.list(backupsDir)) {
            for (Path p : (Iterable<Path>) entries.sorted()::iterator) {
                if (!p.getFileName().toString().startsWith(".") && Files.isRegularFile(p.resolve(MANIFEST))) {
                    out.add(read(p));
                }
            }
        }
        out.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return out;
    }

    private static JsonNode manifest(Path backup) throws IOException {
        Path file = backup.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new TickstoreException(Problem.ARCHIVE_INCOMPLETE, file + ": missing, so " + backup + " is not a backup (one being taken, or one that failed)");
        }
        JsonNode root = JSON.readTree(Files.readAllBytes(file));
        if (!FORMAT.equals(root.path("format").asText()) || root.path("formatVersion").asInt() != VERSION) {
            throw new TickstoreException(Problem.ARCHIVE_MISMATCH, file + ": not a Tickstore backup manifest of version " + VERSION);
        }
        return root;
    }

    static BackupInfo read(Path backup) throws IOException {
        JsonNode root = manifest(backup);
        List<String> runs = new ArrayList<>();
        root.path("runs").forEach(r -> runs.add(r.asText()));
        long files = 0;
        long bytes = 0;
        long linked = 0;
        for (JsonNode f : root.path("files")) {
            files++;
            bytes += f.path("bytes").asLong();
            if ("link".equals(f.path("how").asText())) {
                linked++;
            }
        }
        return new BackupInfo(backup, root.path("source").asText(), Instant.parse(root.path("createdAt").asText()), runs, files, bytes, linked);
    }

    // ------------------------------------------------------------------ restore

    /**
     * Restores {@code backup} as a new store at {@code target} (which must not exist): copied under a temporary name,
     * every file's SHA-256 and every snapshot checked, then renamed into place.
     */
    public static BackupInfo restore(Path backup, Path target) throws IOException {
        JsonNode root = manifest(backup);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "restore makes a new store; choose a path that does not exist");
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve("." + target.getFileName() + ".tmp-" + Directories.nonce());
        try {
            for (JsonNode f : root.path("files")) {
                String relative = f.path("path").asText();
                Path from = backup.resolve(relative);
                Path to = temp.resolve(relative);
                if (!to.normalize().startsWith(temp)) {
                    throw new TickstoreException(Problem.ARCHIVE_MISMATCH, backup.resolve(MANIFEST) + ": names a file outside the backup: " + relative);
                }
                Files.createDirectories(to.getParent());
                if (!Files.isRegularFile(from)) {
                    throw new TickstoreException(Problem.ARCHIVE_MISMATCH, from + ": missing from the backup (its backup.json lists it)");
                }
                Files.copy(from, to);
                String sha = sha256(to);
                if (!sha.equals(f.path("sha256").asText())) {
                    throw new TickstoreException(Problem.ARCHIVE_MISMATCH, from + ": SHA-256 is " + sha + " but the backup recorded "
                            + f.path("sha256").asText() + "; the backup is damaged and was not restored");
                }
            }
            for (VerifyReport report : SnapshotVerifier.verifyAll(temp)) {
                if (!report.ok()) {
                    throw new TickstoreException(Problem.ARCHIVE_MISMATCH, backup + ": a snapshot does not verify: " + report);
                }
            }
            Directories.fsync(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            Directories.fsync(parent);
        } finally {
            if (Files.exists(temp)) {
                Directories.deleteRecursively(temp);
            }
        }
        return read(backup);
    }

    static String sha256(Path file) throws IOException {
        return Sha256.hex(file);
    }
}
