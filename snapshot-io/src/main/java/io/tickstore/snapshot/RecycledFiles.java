package io.tickstore.snapshot;

import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.internal.Directories;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Readies a recycled snapshot directory (already renamed to the new snapshot's temporary name) for a write: the
 * fixed-width files the write has tasks for are kept to be overwritten in place, everything else (the old manifest,
 * files and directories of columns or tables the new snapshot does not have, the files of other kinds, which their
 * own code writes as new files) is deleted first, so that the published directory holds exactly the new snapshot.
 */
final class RecycledFiles {
    private RecycledFiles() {
    }

    static void prepare(Path temp, List<SnapshotFile> tasks) throws IOException {
        Set<Path> kept = new HashSet<>();
        for (SnapshotFile task : tasks) {
            if (SnapshotWriter.overwrites(task)) {
                SnapshotWriter.allowOverwrite(task);
                kept.add(SnapshotWriter.pathOf(task));
            }
        }
        Set<Path> keptDirs = new HashSet<>();
        for (Path file : kept) {
            keptDirs.add(file.getParent());
        }
        Files.deleteIfExists(SnapshotLayout.manifest(temp));
        removeAllBut(temp, kept, keptDirs);
    }

    private static void removeAllBut(Path dir, Set<Path> kept, Set<Path> keptDirs) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) && keptDirs.contains(child)) {
                    removeAllBut(child, kept, keptDirs);
                } else if (!kept.contains(child) || !Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                    Directories.deleteRecursively(child);
                }
            }
        }
    }
}
