package io.tickstore.cli;

import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.store.PathKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The rule inspect and verify share: a PATH argument must be a store, a run or a snapshot. */
final class TickstorePath {
    private TickstorePath() {
    }

    /** What {@code target} is; a one-line error when it is missing or none of the three. */
    static PathKind kindOf(Path target) throws IOException {
        PathKind kind = PathKind.detect(target);
        if (kind == PathKind.MISSING) {
            throw new CliException(target + ": no such file or directory" + SnapshotAddress.siblingsLike(target));
        }
        if (kind == PathKind.UNKNOWN && (Files.isRegularFile(target.resolve("run.json"))
                || Files.isRegularFile(EventLogLayout.codebook(EventLogLayout.logDir(target))))) {
            // a run a recording is creating has its settings and its log before its first snapshot is published
            return PathKind.RUN;
        }
        if (kind == PathKind.UNKNOWN) {
            throw new CliException(target + ": not a Tickstore store, run or snapshot (no manifest.json, no tick-* directories)");
        }
        return kind;
    }
}
