package io.tickstore.backends.postgres;

import io.tickstore.backends.PersistProgress;
import io.tickstore.backends.internal.journal.LiveRows;
import io.tickstore.backends.postgres.copy.BinaryCopyWriter;
import io.tickstore.backends.PersistenceException;
import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import org.agrona.UnsafeApi;
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

    /**
     * Bytes one encoded row takes at most (the field count, the keys and every column's field), for a table of scalars;
     * for the other kinds, the fixed part and a guess for text, whose longer values the writer carries across chunks.
     */
    static int maxRowBytes(Table table) {
        long bytes = 2 + 20 + 12 + 2 * 12;
        for (int c = 0; c < table.schema().columnCount(); c++) {
            switch (table.columnKind(c)) {
                case SCALAR:
                    bytes += 4 + pgWidth(table.columnType(c));
                    break;
                case ARRAY:
                    bytes += 4 + 12 + 8L * table.columnLayout(c).dimensions() + (long) table.arrayLength(c) * (4 + pgWidth(table.columnType(c)));
                    break;
                default:
                    bytes += 4 + 64;
                    break;
            }
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE);
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
        encode(table, out, session, tick, progress, where, null);
    }

    /** Like the above, for the given slots only (ascending), or every slot when {@code onlySlots} is null. */
    static void encode(Table table, BinaryCopyWriter out, UUID session, long tick, PersistProgress progress, String where,
                       long[] onlySlots) throws SQLException {
        LiveRows live = LiveRows.of(table);
        int columns = live.columns();
        long rows = onlySlots == null ? live.count() : onlySlots.length;
        int rowBytes = Math.min(maxRowBytes(table), out.chunkBytes());
        Kinds kinds = table.schema().isScalarOnly() ? null : new Kinds(table, out);
        String name = live.name();
        boolean withSession = session != null;
        long sessionHigh = withSession ? session.getMostSignificantBits() : 0;
        long sessionLow = withSession ? session.getLeastSignificantBits() : 0;
        int fields = (withSession ? 4 : 2) + columns;
        out.writeHeader();
        for (long row = 0; row < rows; row++) {
            long slot = onlySlots == null ? row : onlySlots[(int) row];
            if (slot < 0 || slot >= live.count()) {
                throw new PersistenceException(Problem.INVALID_INPUT, where + ": slot " + slot + " to persist is outside [0, "
                        + live.count() + ")");
            }
            if (out.ensureRoom(rowBytes)) {
                progress.rowsWritten(name, row, rows);
            }
            out.startRow(fields);
            if (withSession) {
                out.writeUuid(sessionHigh, sessionLow);
                out.writeInt8(tick);
            }
            out.writeInt8(live.entityId(slot));
            out.writeInt8(slot);
            for (int c = 0; c < columns; c++) {
                if (kinds != null && kinds.write(c, slot)) {
                    continue;
                }
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

    /**
     * The fields of a table's columns of other kinds than scalar, straight from its memory: a categorical row's string
     * ({@code text}), a variable-length value's stored bytes ({@code text}, {@code jsonb}, {@code text[]}), an array
     * row's elements as a PostgreSQL array of the column's shape. Allocates nothing per row.
     */
    private static final class Kinds {
        private final Table table;
        private final BinaryCopyWriter out;
        private final int[][] shapes;
        private final int[] oids;

        Kinds(Table table, BinaryCopyWriter out) {
            this.table = table;
            this.out = out;
            int n = table.schema().columnCount();
            shapes = new int[n][];
            oids = new int[n];
            for (int c = 0; c < n; c++) {
                if (table.columnKind(c) == ColumnKind.ARRAY) {
                    shapes[c] = table.columnLayout(c).shape();
                    oids[c] = PgColumnTypes.elementOid(table.columnType(c));
                }
            }
        }

        /** Writes column {@code c}'s field of a row when it is of another kind than scalar; false for a scalar. */
        boolean write(int c, long slot) throws SQLException {
            switch (table.columnKind(c)) {
                case SCALAR:
                    return false;
                case CATEGORICAL:
                    out.writeText(table.dictionary(c).get(table.getCode(c, slot)));
                    return true;
                case STRING:
                    out.writeTextUtf8(table.valueAddress(c, slot), table.valueLength(c, slot));
                    return true;
                case JSON:
                    out.writeJsonbUtf8(table.valueAddress(c, slot), table.valueLength(c, slot));
                    return true;
                case STRING_LIST:
                    out.writeTextArrayOfTerminated(table.valueAddress(c, slot), table.valueLength(c, slot));
                    return true;
                default:
                    writeArray(c, slot);
                    return true;
            }
        }

        private void writeArray(int c, long slot) throws SQLException {
            ColumnType type = table.columnType(c);
            int n = table.arrayLength(c);
            long base = table.valueAddress(c, slot);
            long bytes;
            if (type == ColumnType.U64) {
                bytes = 0;
                for (int i = 0; i < n; i++) {
                    bytes += out.numericUnsigned64Bytes(UnsafeApi.getLong(base + 8L * i));
                }
            } else {
                bytes = (long) n * (4 + pgWidth(type));
            }
            out.writeArrayHeader(shapes[c], oids[c], bytes);
            for (int i = 0; i < n; i++) {
                switch (type) {
                    case I8: out.writeInt2(UnsafeApi.getByte(base + i)); break;
                    case U8: out.writeInt2((short) (UnsafeApi.getByte(base + i) & 0xFF)); break;
                    case I16: out.writeInt2(UnsafeApi.getShort(base + 2L * i)); break;
                    case U16: out.writeInt4(UnsafeApi.getShort(base + 2L * i) & 0xFFFF); break;
                    case I32: out.writeInt4(UnsafeApi.getInt(base + 4L * i)); break;
                    case U32: out.writeInt8(UnsafeApi.getInt(base + 4L * i) & 0xFFFF_FFFFL); break;
                    case I64: out.writeInt8(UnsafeApi.getLong(base + 8L * i)); break;
                    case U64: out.writeNumericUnsigned64(UnsafeApi.getLong(base + 8L * i)); break;
                    case F32: out.writeFloat4Bits(UnsafeApi.getInt(base + 4L * i)); break;
                    case F64: out.writeFloat8Bits(UnsafeApi.getLong(base + 8L * i)); break;
                    default: {
                        byte b = UnsafeApi.getByte(base + i);
                        if (b != 0 && b != 1) {
                            throw new PersistenceException(Problem.INVALID_INPUT, "column '" + table.schema().column(c).name() + "' slot " + slot
                                    + " element " + i + " holds the bool byte " + b + "; only 0 and 1 can be stored");
                        }
                        out.writeBool(b == 1);
                    }
                }
            }
        }
    }
}
