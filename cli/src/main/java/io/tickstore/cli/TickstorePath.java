package io.tickstore.cli;

import io.tickstore.snapshot.store.PathKind;
import java.io.IOException;
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
        if (kind == PathKind.UNKNOWN) {
            throw new CliException(target + ": not a Tickstore store, run or snapshot (no manifest.json, no tick-* directories)");
        }
        return kind;
    }
}
