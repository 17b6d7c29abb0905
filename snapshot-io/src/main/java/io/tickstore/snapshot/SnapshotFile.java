package io.tickstore.snapshot;

import io.tickstore.columns.ColumnType;
import io.tickstore.snapshot.manifest.FileEntry;

/** One file of a snapshot being written, by whichever writer writes its kind: what the manifest records of it once written. */
interface SnapshotFile extends ParallelIo.IoTask {
    /** The table the file belongs to. */
    String tableName();

    /** The column (or {@link ColumnFileInfo#ENTITY_IDS}) the file belongs to. */
    String columnName();

    /** The file's values' type; null for strings. */
    ColumnType valueType();

    /** The path relative to the snapshot. */
    String relativePath();

    /** What the manifest records; valid once the file is written. */
    FileEntry entry();
}
