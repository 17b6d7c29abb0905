package io.tickstore.snapshot;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link SnapshotWriter} published.
 *
 * @param dir        the snapshot directory ({@code RUN/tick-…})
 * @param tick       the world's tick
 * @param totalBytes bytes of every file written, manifest included
 * @param files      per table (name order) the entity id file, then the column files in schema order
 */
public record SnapshotInfo(Path dir, long tick, long totalBytes, List<ColumnFileInfo> files) {
    public SnapshotInfo {
        files = List.copyOf(files);
    }
}
