package io.tickstore.export;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ColumnValues;
import io.tickstore.columns.Table;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Writes a table as CSV: a header line ({@code _entity_id} then the column names in schema order) and one
 * line per live row in slot order, the entity id first. Lines end in {@code \n}. Names are identifiers and scalar
 * values never contain commas or quotes, so they are never quoted. The other kinds are written as
 * {@link ColumnValues#text} prints them (an array in nested brackets, {@code [1.0,2.5]}; a categorical or {@code str}
 * row's string; a {@code json} row's canonical text; a {@code str[]} row as a JSON array of strings) and quoted
 * (RFC 4180: in double quotes, a quote doubled) when they hold a comma, a quote or a line break.
 *
 * <h2>Every value parses back exactly</h2>
 * Integers are written in decimal, u64 unsigned in full (18446744073709551615, never a rounded double); bools as
 * {@code true}/{@code false}. A float is written as the shortest decimal that reads back as the same double
 * ({@code Double.toString}), and an f32 as the double it is ({@code 0.1f} as {@code 0.10000000149011612}): a
 * float64 parser (Python's {@code float}, numpy, pandas, DuckDB) recovers the exact value, and rounding that to
 * float32 gives the f32 back bit for bit, where the f32's own shortest form ({@code 0.1}) would parse to another
 * double. {@code NaN}, {@code Infinity}, {@code -Infinity} and {@code -0.0} are spelled as Python and numpy read them;
 * a NaN's payload bits are not kept (text has no way to say them: the .npy and Arrow files keep them).
 */
public final class CsvExport {
    private CsvExport() {
    }

    /** Writes the table to {@code out}; the writer is flushed, not closed. */
    public static void write(Table table, Writer out) throws IOException {
        StringBuilder line = new StringBuilder(256);
        line.append(ArrowView.ENTITY_ID_FIELD);
        for (String name : table.schema().columnNames()) {
            line.append(',').append(name);
        }
        out.write(line.append('\n').toString());
        int columns = table.schema().columnCount();
        for (long row = 0; row < table.rowCount(); row++) {
            line.setLength(0);
            line.append(table.entityId(row));
            for (int c = 0; c < columns; c++) {
                if (table.columnLayout(c).isScalar()) {
                    line.append(',').append(text(table.columnType(c), table.getBits(c, row)));
                } else {
                    line.append(',').append(EventLogExport.csv(ColumnValues.text(table, c, row)));
                }
            }
            out.write(line.append('\n').toString());
        }
        out.flush();
    }

    /** A value as this CSV spells it (see the class comment): f32 widened to the double it is, everything else as is. */
    public static String text(ColumnType type, long bits) {
        if (type == ColumnType.F32) {
            return Double.toString(Float.intBitsToFloat((int) bits));
        }
        return ColumnValues.toText(type, bits);
    }

    /**
     * Writes the table to a UTF-8 file: a regular file is replaced atomically (a failure leaves no partial file), a
     * FIFO or character device is written as a stream, anything else is refused ({@link OutputTarget}).
     */
    public static void write(Table table, Path out) throws IOException {
        write(table, OutputTarget.of(out));
    }

    /** Writes the table as UTF-8 text to {@code out} (see {@link OutputTarget}). */
    public static void write(Table table, OutputTarget out) throws IOException {
        out.writeText(writer -> {
            write(table, writer);
            return null;
        });
    }
}
