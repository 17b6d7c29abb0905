package io.tickstore.snapshot.store;

import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * What a path on disk is, as far as Tickstore is concerned, so commands can take any of them:
 * <ul>
 *   <li>{@link #SNAPSHOT}: a directory holding {@code manifest.json} (or the manifest file itself);</li>
 *   <li>{@link #RUN}: a directory holding at least one {@code tick-<20 digits>} directory or a hidden
 *       temporary snapshot;</li>
 *   <li>{@link #STORE}: a directory with at least one run among its subdirectories;</li>
 *   <li>{@link #UNKNOWN}: anything else, an empty directory or a plain file included;</li>
 *   <li>{@link #MISSING}: nothing there.</li>
 * </ul>
 * Detection looks at names only (it reads no manifest), so it is cheap and never fails on damaged content.
 */
public enum PathKind {
    SNAPSHOT, RUN, STORE, UNKNOWN, MISSING;

    public static PathKind detect(Path path) throws IOException {
        if (!Files.exists(path)) {
            return MISSING;
        }
        if (Files.isRegularFile(path)) {
            Path name = path.getFileName();
            return name != null && name.toString().equals(SnapshotLayout.MANIFEST) ? SNAPSHOT : UNKNOWN;
        }
        if (!Files.isDirectory(path)) {
            return UNKNOWN;
        }
        if (Files.isRegularFile(SnapshotLayout.manifest(path))) {
            return SNAPSHOT;
        }
        if (isRun(path)) {
            return RUN;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
            for (Path child : children) {
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) && isRun(child)) {
                    return STORE;
                }
            }
        }
        return UNKNOWN;
    }

    static boolean isRun(Path dir) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if ((SnapshotLayout.tickOf(name) >= 0 || SnapshotLayout.isTemporary(name))
                        && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    return true;
                }
            }
        }
        return false;
    }
}
