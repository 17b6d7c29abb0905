package io.tickstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.columns.ColumnValues;
import io.tickstore.mmap.MappedCategories;
import io.tickstore.mmap.MappedColumn;
import io.tickstore.mmap.MappedValues;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How {@code cat} prints the columns of snapshot format version 2, from their own files only (no manifest): an array
 * column's rows as nested lists (what numpy's {@code tolist()} gives for its 2-D or 3-D array), a categorical column's
 * strings (its codes looked up in its dictionary), a variable-length column's values (text, JSON text, or lists of
 * strings). Which kind a column is, the files say: a dictionary, an offsets file, or more than one dimension.
 */
final class CatKinds {
    private CatKinds() {
    }

    /** Whether the column has files of its own: {@code COLUMN.npy} or, for a variable-length column, its offsets. */
    static boolean exists(Path snapshot, String table, String column) {
        return Files.exists(SnapshotLayout.columnFile(snapshot, table, column)) || Files.exists(SnapshotLayout.offsetsFile(snapshot, table, column));
    }

    /** Prints the column when it is of another kind than scalar; false when it is a scalar, which {@code cat} prints itself. */
    /** Whether a column of a snapshot holds one number a row (no dictionary, no offsets, no row shape). */
    static boolean isScalar(Path snapshot, String table, String column) throws IOException {
        if (Files.exists(SnapshotLayout.offsetsFile(snapshot, table, column))
                || Files.exists(SnapshotLayout.dictionaryFile(snapshot, table, column))) {
            return false;
        }
        try (MappedColumn mapped = MappedColumn.open(snapshot, table, column)) {
            return mapped.rowLength() == 1;
        }
    }

    static boolean print(Path snapshot, String table, String column, Long head, boolean stats, boolean json, PrintWriter out) throws IOException {
        if (Files.exists(SnapshotLayout.offsetsFile(snapshot, table, column))) {
            refuseStats(stats, table, column, "variable-length");
            try (MappedValues values = MappedValues.open(snapshot, table, column)) {
                printValues(values, table, column, limit(head, values.rows()), json, out);
            }
            return true;
        }
        if (Files.exists(SnapshotLayout.dictionaryFile(snapshot, table, column))) {
            refuseStats(stats, table, column, "categorical");
            try (MappedCategories categories = MappedCategories.open(snapshot, table, column)) {
                long n = limit(head, categories.rows());
                if (json) {
                    ObjectNode doc = header(categories.codes(), table, column, "categorical", categories.rows());
                    ArrayNode values = doc.putArray("values");
                    for (long row = 0; row < n; row++) {
                        values.add(categories.getString(row));
                    }
                    Json.print(out, doc);
                } else {
                    for (long row = 0; row < n; row++) {
                        out.println(escape(categories.getString(row)));
                    }
                }
            }
            return true;
        }
        try (MappedColumn mapped = MappedColumn.open(snapshot, table, column)) {
            if (mapped.rowLength() == 1) {
                return false;
            }
            long rows = limit(head, mapped.rows());
            long[] shape = mapped.shape();
            if (json) {
                ObjectNode doc = header(mapped, table, column, "array", mapped.rows());
                ArrayNode dims = doc.putArray("shape");
                for (long dim : shape) {
                    dims.add(dim);
                }
                if (stats) {
                    doc.set("stats", CatCommand.statsJson(mapped.stats(0, rows * mapped.rowLength())));
                } else {
                    ArrayNode values = doc.putArray("values");
                    for (long row = 0; row < rows; row++) {
                        addNested(values.addArray(), mapped, shape, 1, row * mapped.rowLength());
                    }
                }
                Json.print(out, doc);
            } else if (stats) {
                CatCommand.printStats(out, mapped, mapped.stats(0, rows * mapped.rowLength()));
            } else {
                StringBuilder line = new StringBuilder();
                for (long row = 0; row < rows; row++) {
                    line.setLength(0);
                    appendNested(line, mapped, shape, 1, row * mapped.rowLength());
                    out.println(line);
                }
            }
            return true;
        }
    }

    private static void printValues(MappedValues values, String table, String column, long n, boolean json, PrintWriter out) {
        boolean lists = isList(values);
        if (json) {
            ObjectNode doc = header(values.data(), table, column, "variable-length", values.rows());
            doc.put("dtype", lists ? "str[]" : "str");
            ArrayNode array = doc.putArray("values");
            for (long row = 0; row < n; row++) {
                if (lists) {
                    ArrayNode items = array.addArray();
                    values.getStrings(row).forEach(items::add);
                } else {
                    array.add(values.getString(row));
                }
            }
            Json.print(out, doc);
            return;
        }
        for (long row = 0; row < n; row++) {
            out.println(lists ? io.tickstore.columns.JsonText.stringArray(values.getStrings(row)) : escape(values.getString(row)));
        }
    }

    /**
     * Whether the values are lists of strings: a list's bytes end in 0, which text and JSON never hold. The first value
     * that has bytes says (a column of empty values prints as text either way: "" and [] are both no bytes).
     */
    private static boolean isList(MappedValues values) {
        for (long row = 0; row < values.rows(); row++) {
            int length = values.valueLength(row);
            if (length > 0) {
                ByteBuffer bytes = ByteBuffer.allocate(length);
                values.copyValue(row, bytes);
                return bytes.get(length - 1) == 0;
            }
        }
        return false;
    }

    private static ObjectNode header(MappedColumn file, String table, String column, String kind, long rows) {
        ObjectNode doc = Json.object();
        doc.put("file", file.file().toString());
        doc.put("table", table);
        doc.put("column", column);
        doc.put("kind", kind);
        doc.put("dtype", file.type().typeName());
        doc.put("numpyDtype", file.type().numpyDescr());
        doc.put("length", rows);
        return doc;
    }

    private static void appendNested(StringBuilder line, MappedColumn mapped, long[] shape, int dim, long first) {
        line.append('[');
        long stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        for (long i = 0; i < shape[dim]; i++) {
            if (i > 0) {
                line.append(", ");
            }
            if (dim == shape.length - 1) {
                line.append(ColumnValues.toText(mapped.type(), mapped.getBits(first + i)));
            } else {
                appendNested(line, mapped, shape, dim + 1, first + i * stride);
            }
        }
        line.append(']');
    }

    private static void addNested(ArrayNode values, MappedColumn mapped, long[] shape, int dim, long first) {
        long stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        for (long i = 0; i < shape[dim]; i++) {
            if (dim == shape.length - 1) {
                CatCommand.addValue(values, mapped.type(), mapped.getBits(first + i));
            } else {
                addNested(values.addArray(), mapped, shape, dim + 1, first + i * stride);
            }
        }
    }

    private static long limit(Long head, long rows) {
        return head == null ? rows : Math.min(head, rows);
    }

    private static void refuseStats(boolean stats, String table, String column, String kind) {
        if (stats) {
            throw new CliException("column '" + column + "' of table '" + table + "' is " + kind + ": --stats summarizes numbers;"
                    + " print its values instead", ExitCodes.USAGE);
        }
    }

    /** One value a line: a line break or a backslash inside a string is written as {@code \n} or {@code \\}. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
