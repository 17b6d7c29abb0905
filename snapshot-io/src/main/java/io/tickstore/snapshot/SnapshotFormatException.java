package io.tickstore.snapshot;

import io.tickstore.columns.TickstoreException;
import java.nio.file.Path;

/**
 * A snapshot file (a manifest, a .npy column file) is missing, damaged or not what its manifest or header says.
 * The message always starts with the file and says what is wrong with it; {@link #problem()} classifies it, always
 * with a problem of {@link Area#FORMAT}: {@link Problem#MISSING_FILE}, {@link Problem#BAD_MAGIC},
 * {@link Problem#UNSUPPORTED_VERSION}, {@link Problem#TRUNCATED}, {@link Problem#LENGTH_MISMATCH},
 * {@link Problem#CHECKSUM_MISMATCH}, {@link Problem#BAD_HEADER} or {@link Problem#INCOMPATIBLE_SCHEMA}.
 */
public class SnapshotFormatException extends TickstoreException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public SnapshotFormatException(Path file, Problem problem, String detail) {
        super(problem, file + ": " + detail);
        assert problem.area() == Area.FORMAT : problem + " is not a snapshot format problem";
        this.file = file;
    }

    public SnapshotFormatException(Path file, Problem problem, String detail, Throwable cause) {
        super(problem, file + ": " + detail, cause);
        assert problem.area() == Area.FORMAT : problem + " is not a snapshot format problem";
        this.file = file;
    }

    /** The file that is missing or damaged. */
    public Path file() {
        return file;
    }
}
