package io.tickstore.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.testing.LeakCheckingAllocator;
import org.agrona.UnsafeApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How a snapshot loader fills a table: write column bytes and entity ids straight into the buffers, then
 * {@link Table#adoptLoadedRows} declares them live. The id index is rebuilt on the first lookup, not at load.
 */
class TableBulkLoadTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    private static final Schema POINTS = Schema.builder("points", 1)
            .column("x", ColumnType.F32)
            .column("tag", ColumnType.U16)
            .build();

    private static void writeRow(Table t, long slot, long entityId, float x, short tag) {
        UnsafeApi.putLong(t.entityIdAddress() + slot * 8, entityId);
        UnsafeApi.putFloat(t.columnAddress(0) + slot * 4, x);
        UnsafeApi.putShort(t.columnAddress(1) + slot * 2, tag);
    }

    @Test
    void rowsWrittenThroughAddressesBecomeLiveAndFindableById() {
        try (Table t = Table.allocate(POINTS, memory.root(), 16)) {
            t.ensureCapacity(100);
            for (int slot = 0; slot < 100; slot++) {
                writeRow(t, slot, 1000 + slot * 3L, slot * 0.25f, (short) slot);
            }
            t.adoptLoadedRows(100, 5000);
            assertEquals(100, t.rowCount());
            assertEquals(5000, t.nextEntityId());
            for (int slot = 0; slot < 100; slot++) {
                long id = 1000 + slot * 3L;
                assertEquals(slot, t.slotOf(id));
                assertEquals(slot * 0.25f, t.getFloat(0, t.slotOf(id)));
                assertEquals(slot, t.getShort(1, slot));
            }
            assertEquals(-1, t.slotOf(1001));
            assertEquals(5000, t.entityId(t.addRow()), "new rows continue from the loaded id counter");
        }
    }

    @Test
    void rowsAddedAndRemovedBeforeTheFirstLookupAreIndexedCorrectly() {
        try (Table t = Table.allocate(POINTS, memory.root(), 16)) {
            for (int slot = 0; slot < 10; slot++) {
                writeRow(t, slot, 10 + slot, slot, (short) 0);
            }
            t.adoptLoadedRows(10, 20);
            long added = t.addRow();
            t.removeRow(0);
            assertEquals(10, t.rowCount());
            assertEquals(-1, t.slotOf(10));
            assertEquals(0, t.slotOf(20), "the added row was moved into the removed slot");
            assertEquals(9, t.slotOf(19));
            assertEquals(10, added);
        }
    }

    @Test
    void aDuplicateIdIsReportedAtTheFirstLookup() {
        try (Table t = Table.allocate(POINTS, memory.root(), 16)) {
            writeRow(t, 0, 3, 0f, (short) 0);
            writeRow(t, 1, 4, 0f, (short) 0);
            writeRow(t, 2, 3, 0f, (short) 0);
            t.adoptLoadedRows(3, 10);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.slotOf(4));
            assertEquals("table 'points' holds entity 3 twice (slots 0 and 2)", e.getMessage());
            assertThrows(IllegalStateException.class, () -> t.addRow(9), "explicit ids consult the index too");
        }
    }

    @Test
    void anIdAtOrAboveTheLoadedCounterIsReportedAtTheFirstLookup() {
        try (Table t = Table.allocate(POINTS, memory.root(), 16)) {
            writeRow(t, 0, 1, 0f, (short) 0);
            writeRow(t, 1, 10, 0f, (short) 0);
            t.adoptLoadedRows(2, 10);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.slotOf(1));
            assertTrue(e.getMessage().contains("slot 1 holds entity id 10 outside [0, 10)"), e.getMessage());
        }
    }

    @Test
    void adoptingReplacesWhatWasThere() {
        try (Table t = Table.allocate(POINTS, memory.root(), 16)) {
            t.addRow();
            t.addRow();
            writeRow(t, 0, 7, 1f, (short) 1);
            t.adoptLoadedRows(1, 8);
            assertEquals(1, t.rowCount());
            assertEquals(-1, t.slotOf(1));
            assertEquals(0, t.slotOf(7));
            t.adoptLoadedRows(0, 8);
            assertEquals(0, t.rowCount());
            assertEquals(-1, t.slotOf(7));
        }
    }

    @Test
    void aLoadLargerThanTheCapacityOrWithANegativeCounterIsRejected() {
        try (Table t = Table.allocate(POINTS, memory.root(), 16)) {
            IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> t.adoptLoadedRows(17, 17));
            assertEquals("loaded row count 17 is outside [0, 16] for table 'points'", tooMany.getMessage());
            assertThrows(IllegalArgumentException.class, () -> t.adoptLoadedRows(-1, 0));
            assertThrows(IllegalArgumentException.class, () -> t.adoptLoadedRows(0, -1));
            assertEquals(0, t.rowCount());
        }
    }

    @Test
    void columnViewsShowTheStoredLittleEndianBytes() {
        try (Table t = Table.allocate(POINTS, memory.root(), 16)) {
            long slot = t.addRow();
            t.setFloat(0, slot, 2.5f);
            t.setShort(1, slot, (short) 0x0102);
            assertEquals(2.5f, t.columnView(0, 0, 4).getFloat(0));
            assertEquals(0x02, t.columnView(1, 0, 2).get(0), "little-endian: low byte first");
            assertEquals(0L, t.entityIdView(0, 8).getLong(0));
            assertEquals(4, t.columnByteLength(0));
            assertEquals(2, t.columnByteLength(1));
            assertEquals(0, t.columnView(0, 64, 0).capacity(), "an empty view at the end is allowed");
        }
    }

    @Test
    void viewsOutsideTheBuffersAreRejected() {
        try (Table t = Table.allocate(POINTS, memory.root(), 16)) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> t.columnView(0, 60, 8));
            assertEquals("bytes [60, 68) outside [0, 64) of x in table 'points'", e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> t.columnView(0, -1, 4));
            assertThrows(IndexOutOfBoundsException.class, () -> t.columnView(0, 0, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> t.columnView(0, Long.MAX_VALUE - 2, 8),
                    "an offset near Long.MAX_VALUE must not overflow past the check");
            assertThrows(IndexOutOfBoundsException.class, () -> t.entityIdView(Long.MAX_VALUE, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> t.entityIdView(0, 129));
        }
    }
}
