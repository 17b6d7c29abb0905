package io.tickstore.snapshot;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A snapshot or event log file is missing, damaged or not what its manifest, header or codebook says. The message always names the file and
 * what is wrong with it; {@link #problem()} classifies it for callers and tests.
 */
public class SnapshotFormatException extends IOException {
    /** What kind of damage was found. */
    public enum Problem {
        /** A file the snapshot needs does not exist. */
        MISSING_FILE,
        /** The file does not start with the magic bytes of its format. */
        BAD_MAGIC,
        /** The file was written by a newer (or unknown) format version. */
        UNSUPPORTED_VERSION,
        /** The file is shorter than its header or manifest says. */
        TRUNCATED,
        /** The file's size or a length field disagrees with another record of it. */
        LENGTH_MISMATCH,
        /** The bytes do not match their recorded CRC32C. */
        CHECKSUM_MISMATCH,
        /** A header or manifest field is malformed or out of range. */
        BAD_HEADER,
        /** The stored schema cannot be turned into the requested one. */
        INCOMPATIBLE_SCHEMA,
        /** The file belongs to another run (an event log chunk, codebook or log of a different run). */
        FOREIGN_RUN,
        /**
         * The content is well formed but contradicts what it is applied to or read with: a record for an entity
         * that does not exist at that tick, a key code the codebook lacks, a snapshot newer than the tick asked for.
         */
        INCONSISTENT
    }

    private final Path file;
    private final Problem problem;

    public SnapshotFormatException(Path file, Problem problem, String detail) {
        super(file + ": " + detail);
        this.file = file;
        this.problem = problem;
    }

    public SnapshotFormatException(Path file, Problem problem, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file that is missing or damaged. */
    public Path file() {
        return file;
    }

    public Problem problem() {
        return problem;
    }
}
