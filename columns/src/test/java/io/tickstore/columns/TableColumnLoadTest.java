package io.tickstore.columns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.internal.TableRecorder;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bulk loading a column from Java arrays or a ByteBuffer, as a program does, with no raw address in sight. */
class TableColumnLoadTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    static final Schema ALL = Schema.builder("all", 1)
            .column("a", ColumnType.I8).column("b", ColumnType.U16).column("c", ColumnType.I32).column("d", ColumnType.U64)
            .column("e", ColumnType.F32).column("f", ColumnType.F64).column("g", ColumnType.BOOL)
            .build();

    @Test
    void everyArrayTypeLoadsIntoItsColumnAndReadsBack() {
        try (Table t = Table.allocate(ALL, memory.root(), 4)) {
            long first = t.appendRows(3);
            assertEquals(0, first);
            assertEquals(3, t.rowCount());
            t.loadColumn(0, 0, new byte[] {-1, 0, 7});
            t.loadColumn(1, 1, new short[] {(short) 65535, 2});
            t.loadColumn(2, 0, new int[] {Integer.MIN_VALUE, 0, 42});
            t.loadColumn(3, 0, new long[] {-1L, 1L, Long.MAX_VALUE});
            t.loadColumn(4, 0, new float[] {Float.NaN, -0.0f, 1.5f});
            t.loadColumn(5, 0, new double[] {Double.MIN_VALUE, 2.0, -3.0});
            t.loadColumn(6, 0, new boolean[] {true, false, true});
            assertEquals(-1, t.getByte(0, 0));
            assertEquals(7, t.getByte(0, 2));
            assertEquals(0, t.getShort(1, 0), "a row not loaded keeps its default");
            assertEquals(65535, t.getShort(1, 1) & 0xFFFF);
            assertEquals(42, t.getInt(2, 2));
            assertEquals(Long.MAX_VALUE, t.getLong(3, 2));
            assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(t.getFloat(4, 1)));
            assertTrue(Float.isNaN(t.getFloat(4, 0)));
            assertEquals(-3.0, t.getDouble(5, 2));
            assertTrue(t.getBoolean(6, 2));
            ByteBuffer out = ByteBuffer.allocate(3 * 4).order(ByteOrder.LITTLE_ENDIAN);
            t.readColumn(2, 0, out);
            out.flip();
            assertEquals(Integer.MIN_VALUE, out.getInt());
        }
    }

    @Test
    void aByteBufferLoadsFromItsPositionAndLeavesItThere() {
        try (Table t = Table.allocate(ALL, memory.root(), 4)) {
            t.appendRows(2);
            ByteBuffer values = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
            values.putInt(99).putFloat(1.25f).putFloat(2.5f).flip();
            values.position(4);
            t.loadColumn(4, 0, values);
            assertEquals(4, values.position());
            assertEquals(2.5f, t.getFloat(4, 1));
        }
    }

    @Test
    void wrongTypesSizesAndRowsAreRefusedNamingTheTable() {
        try (Table t = Table.allocate(ALL, memory.root(), 4)) {
            t.appendRows(2);
            assertThrows(IllegalArgumentException.class, () -> t.loadColumn(4, 0, new double[] {1}));
            IndexOutOfBoundsException rows = assertThrows(IndexOutOfBoundsException.class, () -> t.loadColumn(4, 1, new float[] {1, 2}));
            assertTrue(rows.getMessage().contains("table 'all'") && rows.getMessage().contains("appendRows"), rows.getMessage());
            assertThrows(IllegalArgumentException.class, () -> t.loadColumn(2, 0, ByteBuffer.allocate(3)));
        }
    }

    @Test
    void aRecordedTableReportsEveryLoadedRowAndValue() {
        List<String> seen = new ArrayList<>();
        try (Table t = Table.allocate(ALL, memory.root(), 4)) {
            t.attachRecorder(new TableRecorder() {
                @Override
                public void added(long entityId) {
                    seen.add("added " + entityId);
                }

                @Override
                public void removed(long entityId) {
                    seen.add("removed " + entityId);
                }

                @Override
                public void set(long entityId, int column, long bits) {
                    seen.add("set " + entityId + " " + column + " " + bits);
                }
            });
            t.appendRows(2);
            t.loadColumn(2, 0, new int[] {-1, 5});
            t.detachRecorder();
        }
        assertArrayEquals(new String[] {"added 0", "added 1", "set 0 2 -1", "set 1 2 5"}, seen.toArray());
    }
}
