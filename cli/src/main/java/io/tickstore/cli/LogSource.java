package io.tickstore.cli;

import io.tickstore.snapshot.eventlog.EventLogLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command finds a run's event log: {@code RUN/events/}, or a log directory named directly. */
final class LogSource {
    private LogSource() {
    }

    /** Like {@link #logDir(Path)}, where a store that holds one run also stands for that run (with a note saying which). */
    static Path logDir(Path runOrLog, java.io.PrintWriter notes) throws java.io.IOException {
        Path target = runOrLog.toAbsolutePath().normalize();
        if (io.tickstore.snapshot.store.PathKind.detect(target) == io.tickstore.snapshot.store.PathKind.STORE) {
            return logDir(SnapshotAddress.run(target.toString(), notes));
        }
        return logDir(runOrLog);
    }

    static Path logDir(Path runOrLog) {
        Path target = runOrLog.toAbsolutePath().normalize();
        if (!Files.exists(target)) {
            throw new CliException(target + ": no such file or directory" + SnapshotAddress.siblingsLike(target));
        }
        if (Files.isRegularFile(EventLogLayout.codebook(target))) {
            return target;
        }
        Path logDir = EventLogLayout.logDir(target);
        if (Files.isRegularFile(EventLogLayout.codebook(logDir))) {
            return logDir;
        }
        throw new CliException(target + ": no event log here (no " + EventLogLayout.CODEBOOK + " in it or in its "
                + EventLogLayout.RUN_SUBDIRECTORY + "/ directory)");
    }
}
