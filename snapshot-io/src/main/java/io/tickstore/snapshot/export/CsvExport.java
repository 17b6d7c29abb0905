package io.tickstore.snapshot.export;

import io.tickstore.columns.ColumnValues;
import io.tickstore.columns.Table;
import io.tickstore.snapshot.Directories;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a table as CSV: a header line ({@code _entity_id} then the column names in schema order) and one
 * line per live row in slot order, the entity id first, values as {@link ColumnValues#toText} prints them
 * (integers in decimal, u64 unsigned, floats in Java's shortest round-tripping form including {@code NaN},
 * {@code Infinity} and {@code -0.0}, bools as {@code true}/{@code false}). Lines end in {@code \n}. Names are
 * identifiers and values never contain commas or quotes, so nothing needs quoting.
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
                line.append(',').append(ColumnValues.toText(table.columnType(c), table.getBits(c, row)));
            }
            out.write(line.append('\n').toString());
        }
        out.flush();
    }

    /** Writes the table to a UTF-8 file, under a temporary name first so a failure leaves no partial file. */
    public static void write(Table table, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Path temp = parent.resolve("." + out.getFileName() + ".tmp-" + Directories.nonce());
        try {
            try (BufferedWriter writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                write(table, writer);
            }
            Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
