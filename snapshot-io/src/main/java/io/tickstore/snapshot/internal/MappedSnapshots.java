package io.tickstore.snapshot.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The snapshot directories this JVM has files of mapped copy-on-write ({@link PrivateMapping}), so that no write
 * overwrites those files in place while they are mapped. A private mapping's untouched pages show what the file holds
 * now, and a page past a truncated end is a {@code SIGBUS}: a recycled snapshot write, which overwrites and cuts the
 * files of a snapshot retention removed, would change a world opened copy-on-write from that snapshot under it.
 *
 * <p>A directory is known by its file key (device and inode on Linux), which a rename keeps, as retention's rename of
 * a removed snapshot to a hidden name does. It counts once per mapping and is forgotten when the last is unmapped.
 * Other processes' mappings are not known here.
 */
public final class MappedSnapshots {
    private static final ConcurrentHashMap<Object, Integer> MAPPINGS = new ConcurrentHashMap<>();

    private MappedSnapshots() {
    }

    /** The directory's identity for this registry: its file key, or its real path where the file system has none. */
    public static Object key(Path snapshotDir) throws IOException {
        Object key = Files.readAttributes(snapshotDir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        return key != null ? key : snapshotDir.toRealPath(LinkOption.NOFOLLOW_LINKS);
    }

    /** Counts one more mapping of a file of the snapshot {@code key} names. */
    static void retain(Object key) {
        MAPPINGS.merge(key, 1, Integer::sum);
    }

    /** Counts one mapping fewer; the snapshot is forgotten with its last. */
    static void release(Object key) {
        MAPPINGS.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
    }

    /** Whether a file of the snapshot directory {@code dir} is mapped copy-on-write in this JVM; false when it is not there. */
    public static boolean isMapped(Path dir) throws IOException {
        if (MAPPINGS.isEmpty()) {
            return false;
        }
        try {
            return MAPPINGS.containsKey(key(dir));
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
