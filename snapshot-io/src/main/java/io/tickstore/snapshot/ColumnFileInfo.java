package io.tickstore.snapshot;

import io.tickstore.columns.ColumnType;
import io.tickstore.snapshot.format.Crc32c;
import java.nio.file.Path;

/**
 * One file a {@link SnapshotWriter} wrote.
 *
 * @param table    the table it belongs to
 * @param column   the column name, or {@value #ENTITY_IDS} for the entity id file (a column's dictionary, offsets
 *                 and data files carry the column's name too)
 * @param type     the element type; null for a dictionary file, which holds strings
 * @param file     the file's final path (inside the published snapshot)
 * @param rows     values in the file
 * @param fileBytes the file's size, header included
 * @param crc32c   CRC32C of the whole file
 */
public record ColumnFileInfo(String table, String column, ColumnType type, Path file, long rows, long fileBytes, int crc32c) {
    /** The pseudo column name of a table's entity id file. */
    public static final String ENTITY_IDS = "_entity_id";

    public boolean isEntityIds() {
        return column.equals(ENTITY_IDS);
    }

    public String crc32cHex() {
        return Crc32c.hex(crc32c);
    }

    /** The path as the manifest records it, relative to the snapshot: {@code TABLE/FILE}. */
    public String relativePath() {
        return table + "/" + file.getFileName();
    }
}
