package io.tickstore.snapshot.internal;

import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The directories inside one snapshot already found to hold no symbolic link on the way down from the snapshot
 * ({@link SnapshotLayout#requireNoSymbolicLinks}), so that the files of a table cost one look at their directory
 * between them rather than one each. For one load of one snapshot; not thread-safe.
 */
public final class LinkFreeDirectories {
    private final Path snapshotDir;
    private final Set<Path> checked = new HashSet<>();

    public LinkFreeDirectories(Path snapshotDir) {
        this.snapshotDir = snapshotDir;
    }

    /** Fails if a directory between the snapshot and {@code file} (resolved under it) is a symbolic link. */
    public void requireNoneAbove(Path file) throws SnapshotFormatException {
        Path parent = file.getParent();
        if (parent != null && !parent.equals(snapshotDir) && !checked.contains(parent)) {
            SnapshotLayout.requireNoSymbolicLinks(snapshotDir, parent);
            checked.add(parent);
        }
    }
}
