package io.tickstore.snapshot.manifest;

import io.tickstore.columns.ColumnType;
import java.util.Objects;

/**
 * One stored column: its name, type and the schema version that introduced it (copied from the stored
 * schema, so a reader can tell "this column held zeros" from "this column did not exist yet" without
 * another source), and the file holding its values.
 */
public record ColumnEntry(String name, ColumnType type, int sinceVersion, FileEntry data) {
    public ColumnEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (data.type() != type) {
            throw new IllegalArgumentException("column '" + name + "' is " + type + " but its file holds " + data.type());
        }
    }
}
