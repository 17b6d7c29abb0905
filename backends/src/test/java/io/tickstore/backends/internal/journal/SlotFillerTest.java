package io.tickstore.backends.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.PersistenceException;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rows arrive in any order and land in their slots; every slot exactly once. */
class SlotFillerTest {
    private static final Schema SCHEMA = Schema.builder("t", 1).column("a", ColumnType.I32).column("b", ColumnType.F64).build();

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @Test
    void rowsArrivingOutOfOrderLandInTheirSlots() {
        try (Table table = Table.allocate(SCHEMA, memory.root(), 4)) {
            SlotFiller filler = new SlotFiller(table, 3, 10, "t");
            for (long slot : new long[] {2, 0, 1}) {
                filler.startRow(slot, 9 - slot);
                filler.putInt(0, slot, (int) slot * 10);
                filler.putLong(1, slot, Double.doubleToRawLongBits(slot + 0.5));
            }
            filler.finish();
            assertEquals(3, table.rowCount());
            assertEquals(10, table.nextEntityId());
            for (long slot = 0; slot < 3; slot++) {
                assertEquals(9 - slot, table.entityId(slot));
                assertEquals(slot * 10, table.getInt(0, slot));
                assertEquals(slot + 0.5, table.getDouble(1, slot));
            }
            assertEquals(1, table.slotOf(8));
        }
    }

    @Test
    void aSlotArrivingTwiceIsCorrupt() {
        try (Table table = Table.allocate(SCHEMA, memory.root(), 4)) {
            SlotFiller filler = new SlotFiller(table, 2, 5, "tick 3 table 't'");
            filler.startRow(1, 0);
            PersistenceException e = assertThrows(PersistenceException.class, () -> filler.startRow(1, 1));
            assertEquals(Problem.CORRUPT_JOURNAL, e.problem());
            assertEquals("tick 3 table 't': slot 1 arrives twice", e.getMessage());
        }
    }

    @Test
    void aMissingSlotIsCorruptAndTheTableStaysEmpty() {
        try (Table table = Table.allocate(SCHEMA, memory.root(), 4)) {
            SlotFiller filler = new SlotFiller(table, 2, 5, "t");
            filler.startRow(0, 0);
            PersistenceException e = assertThrows(PersistenceException.class, filler::finish);
            assertTrue(e.getMessage().contains("1 rows arrived, the registry says 2"), e.getMessage());
            assertEquals(0, table.rowCount());
        }
    }

    @Test
    void slotsAndEntityIdsOutOfRangeAreCorrupt() {
        try (Table table = Table.allocate(SCHEMA, memory.root(), 4)) {
            SlotFiller filler = new SlotFiller(table, 2, 5, "t");
            assertThrows(PersistenceException.class, () -> filler.startRow(2, 0));
            assertThrows(PersistenceException.class, () -> filler.startRow(-1, 0));
            assertThrows(PersistenceException.class, () -> filler.startRow(0, 5));
            assertThrows(PersistenceException.class, () -> filler.correct(0, 1, 7));
        }
    }

    @Test
    void aCorrectionReplacesAValueOfARowThatArrived() {
        try (Table table = Table.allocate(SCHEMA, memory.root(), 4)) {
            SlotFiller filler = new SlotFiller(table, 1, 1, "t");
            filler.startRow(0, 0);
            filler.putLong(1, 0, 0);
            filler.correct(1, 0, Double.doubleToRawLongBits(-0.0));
            filler.putInt(0, 0, 4);
            filler.finish();
            assertEquals(Double.doubleToRawLongBits(-0.0), table.getBits(1, 0));
        }
    }
}
