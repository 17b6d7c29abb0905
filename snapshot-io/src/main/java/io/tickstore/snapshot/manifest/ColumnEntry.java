package io.tickstore.snapshot.manifest;

import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.ColumnLayout;
import io.tickstore.columns.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One stored column: its name, layout and the schema version that introduced it (copied from the stored schema, so a
 * reader can tell "this column held zeros" from "this column did not exist yet" without another source), and the
 * files holding its values.
 *
 * <ul>
 *   <li>A scalar or array column: one file, {@link #data()}, of shape {@code (rows,)} or {@code (rows, shape...)}.</li>
 *   <li>A categorical column: its codes in {@link #data()} and its strings in {@link #dictionary()}.</li>
 *   <li>A variable-length column: its values' bytes in {@link #data()} ({@code |u1}) and where each row's value
 *       starts in {@link #offsets()} ({@code <i8}, rows + 1 of them: Arrow's offsets-plus-data layout).</li>
 * </ul>
 *
 * @param offsets    a variable-length column's offsets file; null for the other kinds
 * @param dictionary a categorical column's dictionary file; null for the other kinds
 */
public record ColumnEntry(String name, ColumnLayout layout, int sinceVersion, FileEntry data, FileEntry offsets, FileEntry dictionary) {
    public ColumnEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(data, "data");
        if (data.type() != layout.type()) {
            throw new IllegalArgumentException("column '" + name + "' is " + layout + " but its file holds " + data.dtype());
        }
        if ((offsets != null) != layout.isVariableLength() || (dictionary != null) != (layout.kind() == ColumnKind.CATEGORICAL)) {
            throw new IllegalArgumentException("column '" + name + "' (" + layout + ") has "
                    + (offsets != null ? "an offsets file" : "no offsets file") + " and " + (dictionary != null ? "a dictionary" : "no dictionary"));
        }
    }

    /** A scalar column, as format version 1 stores every column. */
    public ColumnEntry(String name, ColumnType type, int sinceVersion, FileEntry data) {
        this(name, ColumnLayout.scalar(type), sinceVersion, data, null, null);
    }

    /** The type of the stored values (see {@link ColumnLayout#type()}). */
    public ColumnType type() {
        return layout.type();
    }

    /** Every file of the column: the offsets first for a variable-length column, the dictionary last for a categorical one. */
    public List<FileEntry> files() {
        List<FileEntry> files = new ArrayList<>(2);
        if (offsets != null) {
            files.add(offsets);
        }
        files.add(data);
        if (dictionary != null) {
            files.add(dictionary);
        }
        return files;
    }
}
