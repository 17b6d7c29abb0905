package io.tickstore.columns;

import static io.tickstore.columns.TestSchemas.BOOL;
import static io.tickstore.columns.TestSchemas.F32;
import static io.tickstore.columns.TestSchemas.F64;
import static io.tickstore.columns.TestSchemas.I32;
import static io.tickstore.columns.TestSchemas.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.testing.LeakCheckingAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TableRowsTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    /** Fresh memory is garbage (0xA5 in tests), so even all-zero defaults must be written by addRow. */
    @Test
    void aNewRowHoldsZeroDefaultsEvenOnGarbageMemory() {
        try (Table t = Table.allocate(TestSchemas.allTypes("zeros"), memory.root(), 16)) {
            long slot = t.addRow();
            for (int c = 0; c < t.schema().columnCount(); c++) {
                assertEquals(0L, t.getBits(c, slot), t.schema().column(c).name());
            }
        }
    }

    @Test
    void aNewRowHoldsEveryNonZeroDefault() {
        Schema schema = TestSchemas.allTypesWithDefaults("defaults");
        try (Table t = Table.allocate(schema, memory.root(), 16)) {
            long slot = t.addRow();
            for (int c = 0; c < schema.columnCount(); c++) {
                assertEquals(schema.column(c).defaultValue().bits(), t.getBits(c, slot), schema.column(c).name());
            }
            assertEquals(1.5f, t.getFloat(F32, slot));
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(t.getDouble(F64, slot)));
            assertTrue(t.getBoolean(BOOL, slot));
        }
    }

    @Test
    void aSlotFreedByARemovalGetsDefaultsNotTheOldValues() {
        Schema schema = TestSchemas.allTypesWithDefaults("reuse");
        try (Table t = Table.allocate(schema, memory.root(), 16)) {
            long slot = t.addRow();
            for (int c = 0; c < schema.columnCount(); c++) {
                t.setBits(c, slot, 0);
            }
            t.removeRow(slot);
            long again = t.addRow();
            assertEquals(slot, again);
            for (int c = 0; c < schema.columnCount(); c++) {
                assertEquals(schema.column(c).defaultValue().bits(), t.getBits(c, again), schema.column(c).name());
            }
        }
    }

    @Test
    void growingFromCapacity16To10000RowsKeepsEveryValue() {
        try (Table t = Table.allocate(TestSchemas.allTypes("growth"), memory.root(), 16)) {
            assertEquals(16, t.capacity());
            for (int i = 0; i < 10_000; i++) {
                long slot = t.addRow();
                t.setInt(I32, slot, i * 7);
                t.setLong(I64, slot, -i * 1_000_000_007L);
                t.setFloat(F32, slot, i * 0.5f);
                t.setBoolean(BOOL, slot, i % 3 == 0);
            }
            assertEquals(10_000, t.rowCount());
            assertTrue(t.capacity() >= 10_000);
            for (int i = 0; i < 10_000; i++) {
                assertEquals(i, t.entityId(i));
                assertEquals(i * 7, t.getInt(I32, i));
                assertEquals(-i * 1_000_000_007L, t.getLong(I64, i));
                assertEquals(i * 0.5f, t.getFloat(F32, i));
                assertEquals(i % 3 == 0, t.getBoolean(BOOL, i));
                assertEquals(i, t.slotOf(i));
            }
        }
    }

    @Test
    void ensureCapacityMakesRoomWithoutAddingRows() {
        try (Table t = Table.allocate(TestSchemas.allTypes("room"), memory.root(), 0)) {
            assertEquals(16, t.capacity(), "capacity never starts below 16");
            t.addRow();
            t.setInt(I32, 0, 42);
            t.ensureCapacity(1000);
            assertEquals(1000, t.capacity());
            assertEquals(1, t.rowCount());
            assertEquals(42, t.getInt(I32, 0));
            t.ensureCapacity(10);
            assertEquals(1000, t.capacity(), "capacity never shrinks");
        }
    }

    @Test
    void removingARowMovesTheLastRowIntoTheHole() {
        try (Table t = Table.allocate(TestSchemas.allTypes("swap"), memory.root(), 16)) {
            for (int i = 0; i < 5; i++) {
                t.setInt(I32, t.addRow(), 100 + i);
            }
            assertEquals(1, t.removeRow(1), "removeRow returns the removed entity id");
            assertEquals(4, t.rowCount());
            assertEquals(4, t.entityId(1), "the last entity now lives in slot 1");
            assertEquals(104, t.getInt(I32, 1), "and its values moved with it");
            assertEquals(1, t.slotOf(4));
            assertEquals(-1, t.slotOf(1));
            assertFalse(t.containsEntity(1));
            assertEquals(0, t.slotOf(0));
            assertEquals(2, t.slotOf(2));
            assertEquals(3, t.slotOf(3));

            assertEquals(3, t.removeRow(3), "removing the last row moves nothing");
            assertEquals(3, t.rowCount());
            assertEquals(-1, t.slotOf(3));
            assertEquals(104, t.getInt(I32, 1));
        }
    }

    @Test
    void removingByEntityIdFindsTheCurrentSlot() {
        try (Table t = Table.allocate(TestSchemas.allTypes("byid"), memory.root(), 16)) {
            for (int i = 0; i < 4; i++) {
                t.setInt(I32, t.addRow(), 100 + i);
            }
            t.removeEntity(0);
            t.removeEntity(3);
            assertEquals(2, t.rowCount());
            assertEquals(101, t.getInt(I32, t.slotOf(1)));
            assertEquals(102, t.getInt(I32, t.slotOf(2)));
        }
    }

    @Test
    void removingAnEntityThatIsNotLiveNamesTheTableAndTheId() {
        try (Table t = Table.allocate(TestSchemas.allTypes("ghosts"), memory.root(), 16)) {
            t.addRow();
            t.removeEntity(0);
            IllegalArgumentException gone = assertThrows(IllegalArgumentException.class, () -> t.removeEntity(0));
            assertEquals("table 'ghosts' holds no entity 0", gone.getMessage());
            assertThrows(IllegalArgumentException.class, () -> t.removeEntity(77));
        }
    }

    @Test
    void entityIdsAreStableAndNeverReused() {
        try (Table t = Table.allocate(TestSchemas.allTypes("ids"), memory.root(), 16)) {
            for (int i = 0; i < 3; i++) {
                t.addRow();
            }
            t.removeEntity(2);
            t.removeEntity(0);
            assertEquals(3, t.nextEntityId());
            long slot = t.addRow();
            assertEquals(3, t.entityId(slot), "ids of removed entities are not handed out again");
            assertEquals(1, t.entityId(t.slotOf(1)), "a surviving entity keeps its id wherever it moves");
            t.clear();
            assertEquals(0, t.rowCount());
            assertEquals(-1, t.slotOf(1));
            assertEquals(4, t.entityId(t.addRow()), "clear keeps the id counter");
        }
    }

    @Test
    void explicitIdsAreAcceptedOnceAndMoveTheCounterPastThem() {
        try (Table t = Table.allocate(TestSchemas.allTypes("replay"), memory.root(), 16)) {
            long slot = t.addRow(41);
            assertEquals(41, t.entityId(slot));
            assertEquals(42, t.nextEntityId());
            assertEquals(42, t.entityId(t.addRow()));
            assertEquals(2, t.rowCount());
            t.addRow(7);
            assertEquals(43, t.nextEntityId(), "a lower explicit id leaves the counter alone");
            assertEquals(2, t.slotOf(7));
        }
    }

    @Test
    void anExplicitIdThatIsLiveIsRejected() {
        try (Table t = Table.allocate(TestSchemas.allTypes("replay"), memory.root(), 16)) {
            t.addRow(5);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.addRow(5));
            assertEquals("table 'replay' already holds entity 5", e.getMessage());
            assertEquals(1, t.rowCount(), "a rejected row is not added");
            t.removeEntity(5);
            assertEquals(0, t.addRow(5), "a replay may bring back an id that is no longer live");
        }
    }

    @Test
    void explicitIdsMustLeaveRoomForTheNextId() {
        try (Table t = Table.allocate(TestSchemas.allTypes("replay"), memory.root(), 16)) {
            assertThrows(IllegalArgumentException.class, () -> t.addRow(-1));
            assertThrows(IllegalArgumentException.class, () -> t.addRow(Long.MAX_VALUE));
            assertEquals(0, t.rowCount());
            assertEquals(0, t.nextEntityId());
            t.addRow(Long.MAX_VALUE - 1);
            assertEquals(Long.MAX_VALUE, t.nextEntityId());
            IllegalStateException exhausted = assertThrows(IllegalStateException.class, t::addRow);
            assertTrue(exhausted.getMessage().contains("'replay'"), exhausted.getMessage());
            assertEquals(1, t.rowCount());
        }
    }

    @Test
    void negativeInitialCapacityIsRejected() {
        Schema schema = TestSchemas.allTypes("t");
        assertThrows(IllegalArgumentException.class, () -> Table.allocate(schema, memory.root(), -1));
        assertEquals(0, memory.root().getAllocatedMemory());
    }
}
