package io.tickstore.mmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ColumnValues;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every column type written as .npy and read back through its typed getter, {@code getBits} and
 * {@code getAsDouble}; and what happens when the index or the getter is wrong.
 */
class TypedReadTest {
    @TempDir
    Path dir;

    /** Reads every value back as raw bits, the representation the fixture wrote. */
    private static long[] allBits(MappedColumn column) {
        long[] bits = new long[(int) column.length()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = column.getBits(i);
        }
        return bits;
    }

    @Test
    void i8ValuesReadBackSigned() throws IOException {
        long[] values = {Byte.MIN_VALUE, -1, 0, 1, Byte.MAX_VALUE};
        try (MappedColumn column = MappedColumn.open(NpyFiles.write(dir.resolve("a.npy"), ColumnType.I8, values))) {
            assertEquals(ColumnType.I8, column.type());
            assertEquals(5, column.length());
            assertEquals(Byte.MIN_VALUE, column.getByte(0));
            assertEquals(Byte.MAX_VALUE, column.getByte(4));
            assertArrayEquals(values, allBits(column));
            assertEquals(-128.0, column.getAsDouble(0));
        }
    }

    @Test
    void u8ValuesReadAsBytesAndAsUnsignedBits() throws IOException {
        long[] values = {0, 1, 200, 255};
        try (MappedColumn column = MappedColumn.open(NpyFiles.write(dir.resolve("a.npy"), ColumnType.U8, values))) {
            assertEquals((byte) 200, column.getByte(2));
            assertEquals(200, column.getByte(2) & 0xFF);
            assertArrayEquals(values, allBits(column));
            assertEquals(255.0, column.getAsDouble(3));
        }
    }

    @Test
    void boolValuesReadAsBooleans() throws IOException {
        try (MappedColumn column = MappedColumn.open(NpyFiles.write(dir.resolve("a.npy"), ColumnType.BOOL, 1, 0, 1))) {
            assertTrue(column.getBoolean(0));
            assertFalse(column.getBoolean(1));
            assertArrayEquals(new long[] {1, 0, 1}, allBits(column));
            assertEquals(1.0, column.getAsDouble(2));
        }
    }

    @Test
    void i16ValuesReadBackSigned() throws IOException {
        long[] values = {Short.MIN_VALUE, -2, 0, 300, Short.MAX_VALUE};
        try (MappedColumn column = MappedColumn.open(NpyFiles.write(dir.resolve("a.npy"), ColumnType.I16, values))) {
            assertEquals(Short.MIN_VALUE, column.getShort(0));
            assertEquals(300, column.getShort(3));
            assertArrayEquals(values, allBits(column));
        }
    }

    @Test
    void u16ValuesReadAsShortsAndAsUnsignedBits() throws IOException {
        long[] values = {0, 40_000, 0xFFFF};
        try (MappedColumn column = MappedColumn.open(NpyFiles.write(dir.resolve("a.npy"), ColumnType.U16, values))) {
            assertEquals(40_000, column.getShort(1) & 0xFFFF);
            assertArrayEquals(values, allBits(column));
            assertEquals(65_535.0, column.getAsDouble(2));
        }
    }

    @Test
    void i32ValuesReadBackSigned() throws IOException {
        long[] values = {Integer.MIN_VALUE, -7, 0, 123_456_789, Integer.MAX_VALUE};
        try (MappedColumn column = MappedColumn.open(NpyFiles.write(dir.resolve("a.npy"), ColumnType.I32, values))) {
            assertEquals(Integer.MIN_VALUE, column.getInt(0));
            assertEquals(123_456_789, column.getInt(3));
            assertArrayEquals(values, allBits(column));
        }
    }

    @Test
    void u32ValuesReadAsIntsAndAsUnsignedBits() throws IOException {
        long[] values = {0, 3_000_000_000L, 0xFFFF_FFFFL};
        try (MappedColumn column = MappedColumn.open(NpyFiles.write(dir.resolve("a.npy"), ColumnType.U32, values))) {
            assertEquals(3_000_000_000L, Integer.toUnsignedLong(column.getInt(1)));
            assertArrayEquals(values, allBits(column));
            assertEquals(4_294_967_295.0, column.getAsDouble(2));
        }
    }

    @Test
    void i64ValuesReadBackSigned() throws IOException {
        long[] values = {Long.MIN_VALUE, -1, 0, 1L << 53, Long.MAX_VALUE};
        try (MappedColumn column = MappedColumn.open(NpyFiles.write(dir.resolve("a.npy"), ColumnType.I64, values))) {
            assertEquals(Long.MIN_VALUE, column.getLong(0));
            assertEquals(Long.MAX_VALUE, column.getLong(4));
            assertArrayEquals(values, allBits(column));
        }
    }

    @Test
    void u64ValuesAbove2To63ReadAsUnsigned() throws IOException {
        long max = -1L;
        try (MappedColumn column = MappedColumn.open(NpyFiles.write(dir.resolve("a.npy"), ColumnType.U64, 0, 1L << 63, max))) {
            assertEquals("18446744073709551615", Long.toUnsignedString(column.getLong(2)));
            assertEquals(0x1p63, column.getAsDouble(1));
            assertEquals(0x1p64, column.getAsDouble(2));
            assertArrayEquals(new long[] {0, 1L << 63, max}, allBits(column));
        }
    }

    @Test
    void f32ValuesIncludingNanAndInfinityReadBackBitForBit() throws IOException {
        float[] values = {-1.5f, 0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY};
        try (MappedColumn column = MappedColumn.open(NpyFiles.writeFloats(dir.resolve("a.npy"), values))) {
            assertEquals(ColumnType.F32, column.type());
            for (int i = 0; i < values.length; i++) {
                assertEquals(Float.floatToRawIntBits(values[i]), Float.floatToRawIntBits(column.getFloat(i)), "index " + i);
                assertEquals(Float.floatToRawIntBits(values[i]) & 0xFFFF_FFFFL, column.getBits(i), "index " + i);
            }
            assertEquals(-1.5, column.getAsDouble(0));
        }
    }

    @Test
    void f64ValuesIncludingNanAndInfinityReadBackBitForBit() throws IOException {
        double[] values = {Math.PI, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY};
        try (MappedColumn column = MappedColumn.open(NpyFiles.writeDoubles(dir.resolve("a.npy"), values))) {
            for (int i = 0; i < values.length; i++) {
                assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(column.getDouble(i)));
                assertEquals(Double.doubleToRawLongBits(values[i]), column.getBits(i));
            }
            assertEquals(Math.PI, column.getAsDouble(0));
        }
    }

    @Test
    void getBitsAgreesWithColumnValuesText() throws IOException {
        try (MappedColumn column = MappedColumn.open(NpyFiles.write(dir.resolve("a.npy"), ColumnType.I16, -5))) {
            assertEquals("-5", ColumnValues.toText(column.type(), column.getBits(0)));
        }
    }

    @Test
    void openingByTableAndColumnFindsTheLayoutPath() throws IOException {
        Path snapshot = dir.resolve("tick-00000000000000000007");
        NpyFiles.writeInts(snapshot.resolve("creatures").resolve("age.npy"), 4, 5, 6);
        try (MappedColumn column = MappedColumn.open(snapshot, "creatures", "age")) {
            assertEquals(snapshot.resolve("creatures/age.npy"), column.file());
            assertEquals(6, column.getInt(2));
            assertEquals(3, column.header().length());
        }
    }

    @Test
    void anIndexOutsideTheColumnNamesTheFileAndTheLength() throws IOException {
        Path file = NpyFiles.writeInts(dir.resolve("a.npy"), 1, 2, 3);
        try (MappedColumn column = MappedColumn.open(file)) {
            IndexOutOfBoundsException past = assertThrows(IndexOutOfBoundsException.class, () -> column.getInt(3));
            assertTrue(past.getMessage().contains(file.toString()), past.getMessage());
            assertTrue(past.getMessage().contains("[0, 3)"), past.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> column.getInt(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> column.getBits(Long.MAX_VALUE));
            assertThrows(IndexOutOfBoundsException.class, () -> column.getAsDouble(-1));
        }
    }

    @Test
    void aGetterOfTheWrongTypeNamesTheFileAndItsType() throws IOException {
        Path file = NpyFiles.writeFloats(dir.resolve("speed.npy"), 1f, 2f);
        try (MappedColumn column = MappedColumn.open(file)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> column.getInt(0));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("is f32, not i32"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> column.getDouble(0));
            assertThrows(IllegalArgumentException.class, () -> column.getLong(0));
            assertThrows(IllegalArgumentException.class, () -> column.getByte(0));
            assertThrows(IllegalArgumentException.class, () -> column.getBoolean(0));
            assertThrows(IllegalArgumentException.class, () -> column.getShort(0));
        }
    }

    @Test
    void tableAndColumnNamesMustStayInsideTheSnapshot() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MappedColumn.open(dir, "creatures", "../../etc/passwd"));
        assertTrue(e.getMessage().contains("../../etc/passwd"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MappedColumn.open(dir, "..", "age"));
        assertThrows(IllegalArgumentException.class, () -> MappedColumn.open(dir, "creatures", ""));
    }
}
