package io.tickstore.columns;

import java.util.Objects;

/**
 * The one root of every failure Tickstore reports: unchecked, classified by a {@link Problem}, and with the
 * thing at fault (a path, a run, a session, a backend) at the start of its message. Callers that want to react
 * to a kind of failure switch on {@link #problem()} (or on its {@link Problem#area()}); callers that only report
 * print {@link #getMessage()}, which is one line written for the person who has to fix it.
 *
 * <p>The subclasses say which part of Tickstore failed and carry what it knows about the place: a snapshot's
 * {@code SnapshotFormatException}, the event log's {@code EventLogException} (also the chunk and the offset, where
 * known) and a {@code ReplayException} (the run, log or segment it could not replay) name the file through their
 * common {@code TickstoreFileException}; a backend's {@code PersistenceException} names the backend and the
 * session. Operating system failures (a full disk,
 * permission denied) stay {@link java.io.IOException}s, with the file named.
 */
public class TickstoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure, grouped by the {@link Area} of Tickstore that reports it. */
    public enum Problem {
        // ---- runs and their lifecycle
        /** Another writer holds the run: a second process, or a second recording in this JVM. */
        RUN_LOCKED(Area.RUN),
        /** A run of that name exists already. */
        RUN_EXISTS(Area.RUN),
        /** There is no run (or store) at that path. */
        NO_SUCH_RUN(Area.RUN),
        /** The run's settings file is missing, damaged or contradicts what was asked. */
        BAD_RUN_SETTINGS(Area.RUN),
        /** What was asked for does not fit in the memory this JVM may use. */
        WONT_FIT(Area.RUN),
        /** A write reached a recorded world without reaching its event log. */
        UNRECORDED_WRITE(Area.RUN),
        /** A recording was asked for something malformed: a path that is not a run directory, a tick 0 that fails to build. */
        INVALID_ARGUMENT(Area.RUN),
        /** The operating system refused or failed an operation (no space, an I/O error, permission denied). */
        IO(Area.RUN),
        /** A recording observer (a database journal) failed to start with a checked exception of its own. */
        OBSERVER_FAILED(Area.RUN),
        /** An invariant check registered with a recording failed at the end of a tick; the tick was not recorded. */
        INVARIANT_VIOLATED(Area.RUN),

        // ---- the bytes of snapshot files, and of any other file Tickstore writes
        /** A file the snapshot (or log) needs does not exist. */
        MISSING_FILE(Area.FORMAT),
        /** The file does not start with the magic bytes of its format. */
        BAD_MAGIC(Area.FORMAT),
        /** The file was written by a newer (or unknown) format version. */
        UNSUPPORTED_VERSION(Area.FORMAT),
        /** The file is shorter than its header or manifest says. */
        TRUNCATED(Area.FORMAT),
        /** The file's size or a length field disagrees with another record of it. */
        LENGTH_MISMATCH(Area.FORMAT),
        /** The bytes do not match their recorded CRC32C. */
        CHECKSUM_MISMATCH(Area.FORMAT),
        /** A header or manifest field is malformed or out of range. */
        BAD_HEADER(Area.FORMAT),
        /** The stored schema cannot be turned into the requested one. */
        INCOMPATIBLE_SCHEMA(Area.FORMAT),

        // ---- event logs
        /** A log file belongs to another run: a chunk, the append counter or the codebook of a different run. */
        FOREIGN_RUN(Area.LOG),
        /** The codebook does not match the log: a chunk or a record needs a code the codebook lacks. */
        CODEBOOK_MISMATCH(Area.LOG),
        /**
         * A chunk fails its checks where a crash cannot have torn it (before the last segment, or with a chunk of
         * the log after it): damage, which readers and a resume refuse and only a salvage cuts. The cause is the
         * chunk's own failure.
         */
        DAMAGED_CHUNK(Area.LOG),
        /** The log kept changing while it was being read (a resume or a salvage was cutting it); read it again later. */
        LOG_CHANGED(Area.LOG),

        // ---- rebuilding ticks
        /** No snapshot to start from: none at or before the tick asked for, or the world given is past it already. */
        NO_SNAPSHOT(Area.REPLAY),
        /** The tick is after the log's last complete tick, and has no snapshot of its own. */
        TICK_AFTER_LOG(Area.REPLAY),
        /** A record makes no sense at its tick: an entity that does not exist, a birth of a live id, a bad generator word. */
        INCONSISTENT_RECORD(Area.REPLAY),
        /**
         * The log does not continue the world it is applied to: it belongs to another run, it has no end of the
         * world's tick, or its codebook does not fit the world's schema.
         */
        WORLD_MISMATCH(Area.REPLAY),

        // ---- database journals
        /** The session id was never registered with the backend. */
        UNKNOWN_SESSION(Area.PERSISTENCE),
        /** A world, or a second registration, does not match the schemas the session was created with. */
        SCHEMA_MISMATCH(Area.PERSISTENCE),
        /** A table, column or database schema name cannot be used as an identifier by this backend. */
        INVALID_IDENTIFIER(Area.PERSISTENCE),
        /**
         * A value given to a backend cannot be journaled: a negative tick, a payload that is not JSON, a bool byte
         * other than 0 or 1, a backend spec that does not parse.
         */
        INVALID_INPUT(Area.PERSISTENCE),
        /** The tick is already stored with different content and the caller did not ask to overwrite it. */
        TICK_CONFLICT(Area.PERSISTENCE),
        /** The session has no stored tick of that number (or none at all). */
        NO_SUCH_TICK(Area.PERSISTENCE),
        /**
         * Nothing to read where a journal was expected: a SQLite file that does not exist or holds no journal, a
         * PostgreSQL schema without the journal's tables. Only a backend opened to read what is there says so; one
         * opened for writing creates what is missing.
         */
        NO_JOURNAL(Area.PERSISTENCE),
        /** What the database holds disagrees with itself (a missing row, a hash that does not match). */
        CORRUPT_JOURNAL(Area.PERSISTENCE),
        /** The database failed: lost connection, full disk, a server error. */
        DATABASE(Area.PERSISTENCE),
        /** A PGCOPY binary stream is malformed: wrong signature, a field of the wrong length, a value outside its type. */
        BAD_COPY_STREAM(Area.PERSISTENCE),
        /** The session is being written right now (a writer holds it): it cannot be deleted, archived or purged. */
        SESSION_ACTIVE(Area.PERSISTENCE),
        /**
         * A table's data does not fit the journal tier declared for it: a table kept once per session changed after it
         * was written, a sparse table was given rows the tick did not touch, a tier the journal cannot keep.
         */
        TIER_MISFIT(Area.PERSISTENCE),

        // ---- archives of sessions and backups of stores
        /** No archive (or backup) is where one was expected, or it lacks its manifest: an export that did not finish. */
        ARCHIVE_INCOMPLETE(Area.ARCHIVE),
        /** An archive's (or backup's) files disagree with its manifest or with the database: a row count, a hash, a file. */
        ARCHIVE_MISMATCH(Area.ARCHIVE),
        /** A purge was asked for a session with no verified archive. */
        NOT_ARCHIVED(Area.ARCHIVE),
        /** The object store refused or failed a request (unreachable, no such bucket, access denied, cut off). */
        OBJECT_STORE(Area.ARCHIVE),
        /** A query over archives failed: bad SQL, a table no archive holds. */
        QUERY_FAILED(Area.ARCHIVE);

        private final Area area;

        Problem(Area area) {
            this.area = area;
        }

        /** The part of Tickstore that reports this problem. */
        public Area area() {
            return area;
        }
    }

    /** The parts of Tickstore problems come from. */
    public enum Area {
        /** Runs, recordings, stores. */
        RUN,
        /** The bytes of a file: snapshot files, manifests, and the files of an event log. */
        FORMAT,
        /** Event logs: which run a log belongs to, its codebook, damage a crash cannot explain. */
        LOG,
        /** Rebuilding ticks from a snapshot and the log. */
        REPLAY,
        /** Database journals. */
        PERSISTENCE,
        /** Archives of sessions (Parquet, object stores, queries) and backups of stores. */
        ARCHIVE
    }

    private final Problem problem;

    public TickstoreException(Problem problem, String message) {
        super(message);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public TickstoreException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** What kind of failure this is. */
    public Problem problem() {
        return problem;
    }
}
