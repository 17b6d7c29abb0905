package io.tickstore.snapshot;

import io.tickstore.columns.TickstoreException;
import java.nio.file.Path;

/**
 * A Tickstore failure about one file or directory of a snapshot, a run or an event log: its message starts with
 * that path, which {@link #file()} gives. The subclasses say which part failed: {@link SnapshotFormatException} (a
 * snapshot file), {@code EventLogException} (a log, with the chunk where known), {@code ReplayException} (a tick
 * that cannot be rebuilt).
 */
public abstract class TickstoreFileException extends TickstoreException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    protected TickstoreFileException(Path file, Problem problem, String detail) {
        super(problem, file + ": " + detail);
        this.file = file;
    }

    protected TickstoreFileException(Path file, Problem problem, String detail, Throwable cause) {
        super(problem, file + ": " + detail, cause);
        this.file = file;
    }

    /** The file or directory at fault, which the message starts with. */
    public Path file() {
        return file;
    }
}
