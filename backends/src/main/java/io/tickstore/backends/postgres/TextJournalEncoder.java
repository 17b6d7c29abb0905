package io.tickstore.backends.postgres;

import io.tickstore.backends.PersistProgress;
import io.tickstore.backends.internal.journal.LiveRows;
import io.tickstore.backends.postgres.copy.CopySink;
import io.tickstore.columns.Table;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Encodes a table's live rows as COPY text rows (the keys, then the columns, tab-separated, one row per line) for
 * {@link WriteMethod#TEXT_COPY}. Numbers are printed the way Java prints them, which the server parses back to the
 * same value; NaN travels as the text {@code NaN}, so its payload is lost.
 */
final class TextJournalEncoder {
    private TextJournalEncoder() {
    }

    /** Like {@link BinaryJournalEncoder#encode}: rows start with the session id and tick when {@code session} is given. */
    static void encode(Table table, CopySink sink, int chunkBytes, UUID session, long tick, PersistProgress progress, String where)
            throws SQLException {
        LiveRows live = LiveRows.of(table);
        int columns = live.columns();
        long rows = live.count();
        // the longest text a value prints to is 25 characters (a double); 32 leaves room for the separator
        String prefix = session == null ? "" : session + "\t" + tick + "\t";
        int rowBytes = prefix.length() + 32 * (2 + columns);
        byte[] chunk = new byte[Math.max(chunkBytes, rowBytes)];
        int p = 0;
        String name = live.name();
        for (long slot = 0; slot < rows; slot++) {
            if (p + rowBytes > chunk.length) {
                sink.write(chunk, 0, p);
                p = 0;
                progress.rowsWritten(name, slot, rows);
            }
            p = ascii(chunk, p, prefix);
            p = ascii(chunk, p, Long.toString(live.entityId(slot)));
            chunk[p++] = '\t';
            p = ascii(chunk, p, Long.toString(slot));
            for (int c = 0; c < columns; c++) {
                chunk[p++] = '\t';
                String text;
                switch (live.type(c)) {
                    case I8: text = Integer.toString(live.getByte(c, slot)); break;
                    case U8: text = Integer.toString(live.getByte(c, slot) & 0xFF); break;
                    case I16: text = Integer.toString(live.getShort(c, slot)); break;
                    case U16: text = Integer.toString(live.getShort(c, slot) & 0xFFFF); break;
                    case I32: text = Integer.toString(live.getInt(c, slot)); break;
                    case U32: text = Long.toString(live.getInt(c, slot) & 0xFFFF_FFFFL); break;
                    case I64: text = Long.toString(live.getLong(c, slot)); break;
                    case U64: text = Long.toUnsignedString(live.getLong(c, slot)); break;
                    case F32: text = Float.toString(live.getFloat(c, slot)); break;
                    case F64: text = Double.toString(live.getDouble(c, slot)); break;
                    case BOOL: text = live.getBool(c, slot, where) ? "t" : "f"; break;
                    default: throw new AssertionError(live.type(c));
                }
                p = ascii(chunk, p, text);
            }
            chunk[p++] = '\n';
        }
        if (p > 0) {
            sink.write(chunk, 0, p);
        }
        progress.rowsWritten(name, rows, rows);
    }

    private static int ascii(byte[] chunk, int p, String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            chunk[p++] = (byte) text.charAt(i);
        }
        return p;
    }
}
