package io.tickstore.snapshot;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Table;
import io.tickstore.snapshot.manifest.FileEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the writers of a column's extra files share ({@link DictionaryFile}, {@link VariableValueFiles}): the table and
 * column, where the file goes, and, once written, its manifest entry.
 */
abstract class ColumnFilePart implements SnapshotFile {
    final Table table;
    final int column;
    final String relativePath;
    final boolean force;
    Path path;
    private FileEntry entry;

    ColumnFilePart(Table table, int column, String relativePath, boolean force) {
        this.table = table;
        this.column = column;
        this.relativePath = relativePath;
        this.force = force;
    }

    /** Forces the written file when the snapshot is durable, and records its entry: a file of {@code type}, or of strings of {@code chars}. */
    final void finish(NpyOutput out, ColumnType type, int chars, long rows) throws IOException {
        if (force) {
            out.force();
        }
        entry = new FileEntry(relativePath, type, chars, List.of(), rows, out.headerBytes(), out.dataBytes(),
                out.headerBytes() + out.dataBytes(), out.crc32c());
    }

    @Override
    public String tableName() {
        return table.name();
    }

    @Override
    public String columnName() {
        return table.schema().column(column).name();
    }

    @Override
    public String relativePath() {
        return relativePath;
    }

    @Override
    public FileEntry entry() {
        return entry;
    }
}
