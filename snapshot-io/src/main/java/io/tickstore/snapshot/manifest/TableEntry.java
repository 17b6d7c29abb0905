package io.tickstore.snapshot.manifest;

import io.tickstore.columns.Schema;
import java.util.List;
import java.util.Objects;

/**
 * One stored table: its live row count, the entity id counter, the schema it was written with, its entity
 * id file and one file per schema column, in schema order.
 */
public record TableEntry(String name, long rows, long nextEntityId, Schema schema, FileEntry entityIds, List<ColumnEntry> columns) {
    public TableEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(entityIds, "entityIds");
        columns = List.copyOf(columns);
    }

    /** The stored column of that name, or null when the stored schema has none. */
    public ColumnEntry column(String columnName) {
        for (ColumnEntry column : columns) {
            if (column.name().equals(columnName)) {
                return column;
            }
        }
        return null;
    }

    /** Bytes of all this table's files, headers included. */
    public long fileBytes() {
        long total = entityIds.fileBytes();
        for (ColumnEntry column : columns) {
            for (FileEntry file : column.files()) {
                total += file.fileBytes();
            }
        }
        return total;
    }
}
