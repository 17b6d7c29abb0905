package io.tickstore.snapshot;

import java.nio.file.Path;

/**
 * A snapshot file (a manifest, a .npy column file) is missing, damaged or not what its manifest or header says.
 * The message always starts with the file and says what is wrong with it; {@link #problem()} classifies it, always
 * with a problem of {@link Area#FORMAT}: {@link Problem#MISSING_FILE}, {@link Problem#BAD_MAGIC},
 * {@link Problem#UNSUPPORTED_VERSION}, {@link Problem#TRUNCATED}, {@link Problem#LENGTH_MISMATCH},
 * {@link Problem#CHECKSUM_MISMATCH}, {@link Problem#BAD_HEADER} or {@link Problem#INCOMPATIBLE_SCHEMA}.
 */
public class SnapshotFormatException extends TickstoreFileException {
    private static final long serialVersionUID = 1L;

    public SnapshotFormatException(Path file, Problem problem, String detail) {
        super(file, problem, detail);
        assert problem.area() == Area.FORMAT : problem + " is not a snapshot format problem";
    }

    public SnapshotFormatException(Path file, Problem problem, String detail, Throwable cause) {
        super(file, problem, detail, cause);
        assert problem.area() == Area.FORMAT : problem + " is not a snapshot format problem";
    }
}
