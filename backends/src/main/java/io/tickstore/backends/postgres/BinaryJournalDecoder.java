package io.tickstore.backends.postgres;

import io.tickstore.backends.internal.journal.SlotFiller;
import io.tickstore.backends.postgres.copy.BinaryCopyReader;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import java.sql.SQLException;

/**
 * Decodes the PGCOPY stream of {@link PgJournalSql#copyOut} straight into a table through a {@link SlotFiller}:
 * each value goes from the driver's message bytes to its slot in the off-heap column, checked against the range
 * of its Tickstore type. No object is created per row.
 */
final class BinaryJournalDecoder {
    private BinaryJournalDecoder() {
    }

    /** Reads the whole stream; returns the rows read. The caller then calls {@link SlotFiller#finish()}. */
    static long decode(BinaryCopyReader in, Schema schema, SlotFiller filler) throws SQLException {
        int columns = schema.columnCount();
        ColumnType[] types = new ColumnType[columns];
        for (int c = 0; c < columns; c++) {
            types[c] = schema.column(c).type();
        }
        in.readHeader();
        long rows = 0;
        while (in.nextRow(2 + columns)) {
            long entityId = in.readInt8();
            long slot = filler.startRow(in.readInt8(), entityId);
            for (int c = 0; c < columns; c++) {
                switch (types[c]) {
                    case I8: filler.putByte(c, slot, (byte) filler.inRange(c, slot, in.readInt2(), -128, 127)); break;
                    case U8: filler.putByte(c, slot, (byte) filler.inRange(c, slot, in.readInt2(), 0, 255)); break;
                    case I16: filler.putShort(c, slot, in.readInt2()); break;
                    case U16: filler.putShort(c, slot, (short) filler.inRange(c, slot, in.readInt4(), 0, 0xFFFF)); break;
                    case I32: filler.putInt(c, slot, in.readInt4()); break;
                    case U32: filler.putInt(c, slot, (int) filler.inRange(c, slot, in.readInt8(), 0, 0xFFFF_FFFFL)); break;
                    case I64: filler.putLong(c, slot, in.readInt8()); break;
                    case U64: filler.putLong(c, slot, in.readNumericUnsigned64()); break;
                    case F32: filler.putInt(c, slot, in.readFloat4Bits()); break;
                    case F64: filler.putLong(c, slot, in.readFloat8Bits()); break;
                    case BOOL: filler.putByte(c, slot, in.readBool() ? (byte) 1 : (byte) 0); break;
                    default: throw new AssertionError(types[c]);
                }
            }
            rows++;
        }
        in.expectEnd();
        return rows;
    }
}
