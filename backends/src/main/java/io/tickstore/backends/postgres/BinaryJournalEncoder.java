package io.tickstore.backends.postgres;

import io.tickstore.backends.PersistProgress;
import io.tickstore.backends.internal.journal.LiveRows;
import io.tickstore.backends.postgres.copy.BinaryCopyWriter;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Table;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Encodes a table's live rows as PGCOPY tuples straight from the off-heap columns: per row the keys
 * ({@code _session_id, _tick} when the rows go to the journal itself, then {@code _entity_id, _slot}) and every
 * column, mapped as {@link PgColumnTypes} says. No object is created per row or per value; the bytes go from the
 * column buffers into the writer's chunk.
 */
final class BinaryJournalEncoder {
    private BinaryJournalEncoder() {
    }

    /** Bytes one encoded row takes at most: the field count, the keys and every column's field. */
    static int maxRowBytes(Table table) {
        int bytes = 2 + 20 + 12 + 2 * 12;
        for (int c = 0; c < table.schema().columnCount(); c++) {
            bytes += 4 + pgWidth(table.columnType(c));
        }
        return bytes;
    }

    private static int pgWidth(ColumnType type) {
        switch (type) {
            case I8: case U8: case I16: return 2;
            case U16: case I32: case F32: return 4;
            case U32: case I64: case F64: return 8;
            case U64: return 8 + 2 * 5;
            case BOOL: return 1;
            default: throw new AssertionError(type);
        }
    }

    /**
     * Writes the header, every row and the trailer, flushing whole rows; tells {@code progress} after each flush.
     * With a {@code session} every row starts with the session id and {@code tick} (for a COPY into the journal);
     * with null it starts with the entity id (for the staging table). A {@code bool} byte other than 0 or 1 cannot
     * be stored faithfully and is refused.
     */
    static void encode(Table table, BinaryCopyWriter out, UUID session, long tick, PersistProgress progress, String where) throws SQLException {
        LiveRows live = LiveRows.of(table);
        int columns = live.columns();
        long rows = live.count();
        int rowBytes = maxRowBytes(table);
        if (rowBytes > out.chunkBytes()) {
            throw new IllegalArgumentException(where + ": a row of " + rowBytes + " bytes does not fit a COPY chunk of " + out.chunkBytes());
        }
        String name = live.name();
        boolean withSession = session != null;
        long sessionHigh = withSession ? session.getMostSignificantBits() : 0;
        long sessionLow = withSession ? session.getLeastSignificantBits() : 0;
        int fields = (withSession ? 4 : 2) + columns;
        out.writeHeader();
        for (long slot = 0; slot < rows; slot++) {
            if (out.ensureRoom(rowBytes)) {
                progress.rowsWritten(name, slot, rows);
            }
            out.startRow(fields);
            if (withSession) {
                out.writeUuid(sessionHigh, sessionLow);
                out.writeInt8(tick);
            }
            out.writeInt8(live.entityId(slot));
            out.writeInt8(slot);
            for (int c = 0; c < columns; c++) {
                switch (live.type(c)) {
                    case I8: out.writeInt2(live.getByte(c, slot)); break;
                    case U8: out.writeInt2((short) (live.getByte(c, slot) & 0xFF)); break;
                    case I16: out.writeInt2(live.getShort(c, slot)); break;
                    case U16: out.writeInt4(live.getShort(c, slot) & 0xFFFF); break;
                    case I32: out.writeInt4(live.getInt(c, slot)); break;
                    case U32: out.writeInt8(live.getInt(c, slot) & 0xFFFF_FFFFL); break;
                    case I64: out.writeInt8(live.getLong(c, slot)); break;
                    case U64: out.writeNumericUnsigned64(live.getLong(c, slot)); break;
                    case F32: out.writeFloat4Bits(live.getInt(c, slot)); break;
                    case F64: out.writeFloat8Bits(live.getLong(c, slot)); break;
                    case BOOL: out.writeBool(live.getBool(c, slot, where)); break;
                    default: throw new AssertionError(live.type(c));
                }
            }
        }
        out.finish();
        progress.rowsWritten(name, rows, rows);
    }
}
