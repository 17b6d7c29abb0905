package io.tickstore.backends.postgres;

import io.tickstore.backends.internal.journal.SlotFiller;
import io.tickstore.backends.postgres.copy.BinaryCopyReader;
import io.tickstore.columns.ColumnKind;
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
        Kinds kinds = schema.isScalarOnly() ? null : new Kinds(schema, in, filler);
        in.readHeader();
        long rows = 0;
        while (in.nextRow(2 + columns)) {
            long entityId = in.readInt8();
            long slot = filler.startRow(in.readInt8(), entityId);
            for (int c = 0; c < columns; c++) {
                if (kinds != null && kinds.read(c, slot)) {
                    continue;
                }
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

    /** The fields of the columns of other kinds than scalar, as {@code BinaryJournalEncoder} writes them. */
    private static final class Kinds {
        private final Schema schema;
        private final BinaryCopyReader in;
        private final SlotFiller filler;
        private final int[][] shapes;
        private final int[] oids;
        private final String[] names;
        /** Receives a categorical field's bytes where the reader has them; one object for the whole decode. */
        private final CategorySink category = new CategorySink();

        Kinds(Schema schema, BinaryCopyReader in, SlotFiller filler) {
            this.schema = schema;
            this.in = in;
            this.filler = filler;
            int n = schema.columnCount();
            shapes = new int[n][];
            oids = new int[n];
            names = new String[n];
            for (int c = 0; c < n; c++) {
                names[c] = PgColumnTypes.sqlType(schema.column(c));
                if (schema.column(c).kind() == ColumnKind.ARRAY) {
                    shapes[c] = schema.column(c).layout().shape();
                    oids[c] = PgColumnTypes.elementOid(schema.column(c).type());
                }
            }
        }

        /** Reads column {@code c}'s field of the row at {@code slot} when it is of another kind than scalar; false for a scalar. */
        boolean read(int c, long slot) throws SQLException {
            switch (schema.column(c).kind()) {
                case SCALAR:
                    return false;
                case CATEGORICAL:
                    category.column = c;
                    category.slot = slot;
                    in.readTextBytes(category);
                    return true;
                case STRING:
                    filler.putString(c, slot, in.readText());
                    return true;
                case JSON:
                    filler.putString(c, slot, in.readJsonb());
                    return true;
                case STRING_LIST:
                    filler.putStrings(c, slot, in.readTextArray());
                    return true;
                default:
                    readArray(c, slot);
                    return true;
            }
        }

        private void readArray(int c, long slot) throws SQLException {
            ColumnType type = schema.column(c).type();
            int n = schema.column(c).layout().elements();
            in.readArrayHeader(shapes[c], oids[c], names[c]);
            for (int i = 0; i < n; i++) {
                int length = in.readArrayElement(names[c]);
                long bits;
                switch (type) {
                    case I8: bits = filler.inRange(c, slot, in.elementBits(2, length, names[c]), -128, 127); break;
                    case U8: bits = filler.inRange(c, slot, in.elementBits(2, length, names[c]), 0, 255); break;
                    case I16: bits = in.elementBits(2, length, names[c]); break;
                    case U16: bits = filler.inRange(c, slot, in.elementBits(4, length, names[c]), 0, 0xFFFF); break;
                    case I32: case F32: bits = in.elementBits(4, length, names[c]); break;
                    case U32: bits = filler.inRange(c, slot, in.elementBits(8, length, names[c]), 0, 0xFFFF_FFFFL); break;
                    case U64: bits = in.elementNumericUnsigned64(length); break;
                    case BOOL: bits = in.elementBits(1, length, names[c]) != 0 ? 1 : 0; break;
                    default: bits = in.elementBits(8, length, names[c]); break;
                }
                filler.putElement(c, slot, i, bits);
            }
            in.endArrayField(names[c]);
        }

        private final class CategorySink implements BinaryCopyReader.BytesSink {
            int column;
            long slot;

            @Override
            public void accept(byte[] bytes, int offset, int length) {
                filler.putCategory(column, slot, bytes, offset, length);
            }
        }
    }
}
