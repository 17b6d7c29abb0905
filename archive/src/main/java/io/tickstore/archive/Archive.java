package io.tickstore.archive;

import io.tickstore.backends.SessionInfo;
import io.tickstore.backends.SessionStore;
import io.tickstore.snapshot.internal.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * An archive of sessions wherever it is: a directory, or {@code s3://bucket/prefix} on an S3-compatible object store.
 * The one object a program (and {@code ./tickstore archive}, {@code ./tickstore query}) needs; it does each step
 * locally ({@link SessionArchive}, {@link ArchiveQuery}) and moves files through {@link ObjectStore} when the archive
 * is remote, in a temporary directory removed afterwards.
 *
 * <pre>
 * try (Archive archive = Archive.at("s3://sims/archive", ObjectStore.Options.fromEnvironment())) {
 *     archive.export(sessions, session);               // Parquet, then uploaded: data files first, manifest last
 *     archive.verify(sessions, session);               // downloaded, every file and the database compared
 *     archive.purge(sessions, session);                // verified again, then the session deleted from the database
 *     archive.query("SELECT session_id, count(*) FROM tick_log GROUP BY 1", 100);
 * }
 * </pre>
 */
public final class Archive implements AutoCloseable {
    private final Path dir;
    private final S3Location s3;
    private final ObjectStore store;

    private Archive(Path dir, S3Location s3, ObjectStore store) {
        this.dir = dir;
        this.s3 = s3;
        this.store = store;
    }

    /** The archive at {@code location}: a directory, or {@code s3://bucket/prefix} reached with {@code options}. */
    public static Archive at(String location, ObjectStore.Options options) {
        if (S3Location.isS3(location)) {
            return new Archive(null, S3Location.parse(location), ObjectStore.open(options));
        }
        return new Archive(Path.of(location), null, null);
    }

    /** A directory archive. */
    public static Archive at(Path dir) {
        return new Archive(dir, null, null);
    }

    public boolean isRemote() {
        return s3 != null;
    }

    @Override
    public String toString() {
        return s3 != null ? s3.toString() : dir.toString();
    }

    /** Exports a finished session (and, for a remote archive, uploads it). */
    public ArchivedSession export(SessionStore sessions, UUID session) throws IOException {
        if (s3 == null) {
            return SessionArchive.export(sessions, session, dir);
        }
        return inTemporary(local -> {
            SessionArchive.export(sessions, session, local);
            return store.upload(local, session, s3, null);
        });
    }

    /** Verifies the archived session against its manifest and, when {@code sessions} holds it, against the database. */
    public ArchiveCheck verify(SessionStore sessions, UUID session) throws IOException {
        if (s3 == null) {
            return SessionArchive.verify(sessions, session, dir);
        }
        return inTemporary(local -> {
            store.download(s3, session, local);
            return SessionArchive.verify(sessions, session, local);
        });
    }

    /** Deletes the session from the database once its archive here verifies; refuses ({@code NOT_ARCHIVED}) otherwise. */
    public SessionInfo purge(SessionStore sessions, UUID session) throws IOException {
        if (s3 == null) {
            return SessionArchive.purge(sessions, session, dir);
        }
        return inTemporary(local -> {
            try {
                store.download(s3, session, local);
            } catch (io.tickstore.columns.TickstoreException e) {
                if (e.problem() != io.tickstore.columns.TickstoreException.Problem.ARCHIVE_INCOMPLETE) {
                    throw e;
                }
            }
            return SessionArchive.purge(sessions, session, local);
        });
    }

    /** Every completely archived session. */
    public List<ArchivedSession> list() throws IOException {
        return s3 == null ? SessionArchive.list(dir) : store.list(s3);
    }

    /** Copies one archived session (null: every one) into the directory {@code to}. */
    public List<ArchivedSession> download(UUID session, Path to) throws IOException {
        if (s3 == null) {
            throw new IllegalArgumentException(dir + " is a directory already; download is for an archive on an object store");
        }
        return session == null ? store.downloadAll(s3, to) : List.of(store.download(s3, session, to));
    }

    /** Uploads every session archived in the directory {@code from} to this (remote) archive. */
    public List<ArchivedSession> upload(Path from) throws IOException {
        if (s3 == null) {
            throw new IllegalArgumentException(dir + " is a directory; upload needs an s3:// archive");
        }
        return store.uploadAll(from, s3, null);
    }

    /** Runs DuckDB SQL over every completely archived session; at most {@code maxRows} rows are returned. */
    public QueryResult query(String sql, int maxRows) throws IOException {
        return s3 == null ? ArchiveQuery.run(sql, dir, maxRows) : ArchiveQuery.run(sql, store, s3, maxRows);
    }

    private interface LocalWork<T> {
        T run(Path local) throws IOException;
    }

    private static <T> T inTemporary(LocalWork<T> work) throws IOException {
        Path local = Files.createTempDirectory("tickstore-archive-");
        try {
            return work.run(local);
        } finally {
            Directories.deleteRecursively(local);
        }
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
