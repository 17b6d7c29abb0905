package io.tickstore.columns;

import static io.tickstore.columns.TestSchemas.BOOL;
import static io.tickstore.columns.TestSchemas.F32;
import static io.tickstore.columns.TestSchemas.F64;
import static io.tickstore.columns.TestSchemas.I16;
import static io.tickstore.columns.TestSchemas.I32;
import static io.tickstore.columns.TestSchemas.I64;
import static io.tickstore.columns.TestSchemas.I8;
import static io.tickstore.columns.TestSchemas.U16;
import static io.tickstore.columns.TestSchemas.U32;
import static io.tickstore.columns.TestSchemas.U64;
import static io.tickstore.columns.TestSchemas.U8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.testing.LeakCheckingAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

class TableTypedAccessTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    private Table threeRows() {
        Table table = Table.allocate(TestSchemas.allTypes("things"), memory.root(), 16);
        for (int i = 0; i < 3; i++) {
            table.addRow();
        }
        return table;
    }

    @Test
    void everyTypeReadsBackWhatWasWritten() {
        try (Table t = threeRows()) {
            t.setByte(I8, 1, Byte.MIN_VALUE);
            t.setByte(U8, 1, (byte) 0xFF);
            t.setShort(I16, 1, Short.MIN_VALUE);
            t.setShort(U16, 1, (short) 0xFFFF);
            t.setInt(I32, 1, Integer.MIN_VALUE);
            t.setInt(U32, 1, 0xFFFF_FFFF);
            t.setLong(I64, 1, Long.MIN_VALUE);
            t.setLong(U64, 1, -1L);
            t.setFloat(F32, 1, -1.25f);
            t.setDouble(F64, 1, Math.PI);
            t.setBoolean(BOOL, 1, true);

            assertEquals(Byte.MIN_VALUE, t.getByte(I8, 1));
            assertEquals((byte) 0xFF, t.getByte(U8, 1));
            assertEquals(Short.MIN_VALUE, t.getShort(I16, 1));
            assertEquals((short) 0xFFFF, t.getShort(U16, 1));
            assertEquals(Integer.MIN_VALUE, t.getInt(I32, 1));
            assertEquals(0xFFFF_FFFFL, t.getUnsignedInt(U32, 1));
            assertEquals(Long.MIN_VALUE, t.getLong(I64, 1));
            assertEquals(-1L, t.getLong(U64, 1));
            assertEquals(-1.25f, t.getFloat(F32, 1));
            assertEquals(Math.PI, t.getDouble(F64, 1));
            assertTrue(t.getBoolean(BOOL, 1));

            assertEquals(0, t.getInt(I32, 0), "neighbouring rows are untouched");
            assertEquals(0, t.getInt(I32, 2));
            assertFalse(t.getBoolean(BOOL, 2));
        }
    }

    /** getBits sign-extends signed types and zero-extends the rest, the form DefaultValue.bits() uses. */
    @Test
    void rawBitsAreNormalisedByType() {
        try (Table t = threeRows()) {
            for (int c = 0; c < BOOL; c++) {
                t.setBits(c, 0, -1L);
                assertEquals(TestSchemas.canonicalBits(t.columnType(c), -1L), t.getBits(c, 0), t.columnType(c).typeName());
            }
            t.setBits(BOOL, 0, 1L);
            assertEquals(1L, t.getBits(BOOL, 0));
            assertTrue(t.getBoolean(BOOL, 0));
            assertEquals(-1L, t.getBits(I8, 0));
            assertEquals(0xFFL, t.getBits(U8, 0));
            assertEquals(-1L, t.getBits(I16, 0));
            assertEquals(0xFFFFL, t.getBits(U16, 0));
            assertEquals(-1L, t.getBits(I32, 0));
            assertEquals(0xFFFF_FFFFL, t.getBits(U32, 0));
            assertEquals(0xFFFF_FFFFL, t.getBits(F32, 0));
            t.setFloat(F32, 2, -2f);
            assertEquals(Float.floatToRawIntBits(-2f) & 0xFFFF_FFFFL, t.getBits(F32, 2));
            t.setBits(F64, 2, Double.doubleToRawLongBits(0.5));
            assertEquals(0.5, t.getDouble(F64, 2));
        }
    }

    @Test
    void valuesConvertToDoubleAsTheirTypeMeansThem() {
        try (Table t = threeRows()) {
            t.setLong(U64, 0, -1L);
            t.setInt(U32, 0, -1);
            t.setByte(I8, 0, (byte) -3);
            t.setFloat(F32, 0, 0.1f);
            assertEquals(0x1p64, t.getAsDouble(U64, 0));
            assertEquals(4294967295.0, t.getAsDouble(U32, 0));
            assertEquals(-3.0, t.getAsDouble(I8, 0));
            assertEquals((double) 0.1f, t.getAsDouble(F32, 0));
        }
    }

    @Test
    void rowsOutsideTheLiveRangeAreRejectedNamingTheTable() {
        try (Table t = threeRows()) {
            assertOutOfBounds(() -> t.getFloat(F32, -1), "row -1 outside [0, 3) of table 'things'");
            assertOutOfBounds(() -> t.getFloat(F32, 3), "row 3 outside [0, 3) of table 'things'");
            assertOutOfBounds(() -> t.setDouble(F64, 3, 1.0), "row 3 outside [0, 3) of table 'things'");
            assertOutOfBounds(() -> t.getBits(I8, 3), "row 3 outside [0, 3) of table 'things'");
            assertOutOfBounds(() -> t.setBits(I8, -5, 0), "row -5 outside [0, 3) of table 'things'");
            assertOutOfBounds(() -> t.entityId(3), "row 3 outside [0, 3) of table 'things'");
            assertOutOfBounds(() -> t.removeRow(3), "row 3 outside [0, 3) of table 'things'");
        }
    }

    @Test
    void rowsAboveCapacityButBelowTheRowCountAreStillRejected() {
        try (Table t = Table.allocate(TestSchemas.allTypes("things"), memory.root(), 64)) {
            t.addRow();
            assertOutOfBounds(() -> t.getInt(I32, 1), "row 1 outside [0, 1) of table 'things'");
        }
    }

    @Test
    void columnsOutsideTheSchemaAreRejectedNamingTheTable() {
        try (Table t = threeRows()) {
            assertOutOfBounds(() -> t.getFloat(-1, 0), "column -1 outside [0, 11) of table 'things'");
            assertOutOfBounds(() -> t.getFloat(11, 0), "column 11 outside [0, 11) of table 'things'");
            assertOutOfBounds(() -> t.setBits(11, 0, 0), "column 11 outside [0, 11) of table 'things'");
            assertOutOfBounds(() -> t.getAsDouble(11, 0), "column 11 outside [0, 11) of table 'things'");
        }
    }

    @Test
    void anAccessorOfTheWrongTypeIsRejectedNamingColumnAndTable() {
        try (Table t = threeRows()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.getInt(F32, 0));
            assertEquals("column 'c_f32' of table 'things' is f32, not i32", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> t.getFloat(F64, 0));
            assertThrows(IllegalArgumentException.class, () -> t.setLong(I32, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> t.getByte(BOOL, 0), "bool is not a byte");
            assertThrows(IllegalArgumentException.class, () -> t.getBoolean(U8, 0));
            assertThrows(IllegalArgumentException.class, () -> t.setShort(I8, 0, (short) 1));
            assertThrows(IllegalArgumentException.class, () -> t.getDouble(I64, 0));
        }
    }

    @Test
    void columnsAreFoundByName() {
        try (Table t = threeRows()) {
            assertEquals(F32, t.columnIndex("c_f32"));
            assertEquals(ColumnType.F32, t.columnType(F32));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.columnIndex("c_f16"));
            assertTrue(e.getMessage().contains("table 'things' has no column 'c_f16'"), e.getMessage());
        }
    }

    private static void assertOutOfBounds(Executable access, String message) {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, access);
        assertEquals(message, e.getMessage());
    }
}
