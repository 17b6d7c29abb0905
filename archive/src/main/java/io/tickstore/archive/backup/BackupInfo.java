package io.tickstore.archive.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One backup of a store.
 *
 * @param dir the backup's directory
 * @param source the store it was taken of
 * @param createdAt when it was taken
 * @param runs the runs it holds
 * @param files files it holds
 * @param bytes their bytes
 * @param linked files hard-linked to the store's (immutable snapshot files), not copied
 */
public record BackupInfo(Path dir, String source, Instant createdAt, List<String> runs, long files, long bytes, long linked) {
    public BackupInfo {
        runs = List.copyOf(runs);
    }

    public String name() {
        return dir.getFileName().toString();
    }
}
