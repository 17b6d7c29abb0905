package io.tickstore.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.internal.TableRecorder;
import io.tickstore.columns.testing.AllKinds;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Random adds, removes and writes of every kind of column against a heap model, checked in full after every step;
 * the same changes, as a recorder hears them, applied to a replica the way replay applies a log, which must end equal
 * (dictionaries included); and the content hash of a table rebuilt from the model in another order of first use.
 */
class TableKindsModelPropertyTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    private static final Schema SCHEMA = AllKinds.schema("kinds");

    @Test
    void randomOperationsAgreeWithAHeapModelAndAReplica() {
        for (int seed = 0; seed < 12; seed++) {
            try (Table table = Table.allocate(SCHEMA, memory.root(), 4); Table replica = Table.allocate(SCHEMA, memory.root(), 4)) {
                table.attachRecorder(new Replay(replica));
                runOneSeed(seed, table);
                table.detachRecorder();
                assertTrue(WorldDiff.first(table, replica).isEmpty(), "seed " + seed + ": " + WorldDiff.first(table, replica));
                assertEquals(ContentHash.hex(table), ContentHash.hex(replica));
            }
        }
    }

    private void runOneSeed(long seed, Table table) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<Long, Object[]> model = new LinkedHashMap<>();
        for (int step = 0; step < 600; step++) {
            String where = "seed " + seed + " step " + step;
            int op = random.nextInt(100);
            if (op < 25 || model.isEmpty()) {
                long slot = table.addRow();
                model.put(table.entityId(slot), defaults());
            } else if (op < 40) {
                long id = pick(random, model);
                table.removeEntity(id);
                model.remove(id);
            } else if (op < 99) {
                long id = pick(random, model);
                int column = random.nextInt(SCHEMA.columnCount());
                Object value = AllKinds.randomValue(random, SCHEMA.column(column));
                AllKinds.write(table, column, table.slotOf(id), value, random);
                model.get(id)[column] = value;
            } else {
                table.clear();
                model.clear();
            }
            if (step % 50 == 0 || step == 599) {
                assertAgrees(where, table, model);
                assertEquals(ContentHash.hex(table), rebuiltHash(table, model), where + ": the hash is the values', not the codes'");
            }
        }
    }

    private static Object[] defaults() {
        Object[] values = new Object[SCHEMA.columnCount()];
        for (int c = 0; c < values.length; c++) {
            values[c] = AllKinds.defaultValue(SCHEMA.column(c));
        }
        return values;
    }

    private static long pick(SplittableRandom random, Map<Long, Object[]> model) {
        List<Long> ids = new ArrayList<>(model.keySet());
        return ids.get(random.nextInt(ids.size()));
    }

    private static void assertAgrees(String where, Table table, Map<Long, Object[]> model) {
        assertEquals(model.size(), table.rowCount(), where);
        for (Map.Entry<Long, Object[]> entry : model.entrySet()) {
            long slot = table.slotOf(entry.getKey());
            for (int c = 0; c < SCHEMA.columnCount(); c++) {
                Object actual = AllKinds.read(table, c, slot);
                assertTrue(AllKinds.same(entry.getValue()[c], actual), where + ": entity " + entry.getKey() + " column "
                        + SCHEMA.column(c).name() + ": " + AllKinds.show(entry.getValue()[c]) + " against " + AllKinds.show(actual));
            }
        }
    }

    /** The rows written afresh, in slot order, into a new table whose categorical codes are handed out in reverse. */
    private String rebuiltHash(Table table, Map<Long, Object[]> model) {
        try (Table rebuilt = Table.allocate(SCHEMA, memory.root(), 4)) {
            SplittableRandom random = new SplittableRandom(1);
            for (long slot = table.rowCount() - 1; slot >= 0; slot--) {
                for (int c = 0; c < SCHEMA.columnCount(); c++) {
                    if (SCHEMA.column(c).kind() == ColumnKind.CATEGORICAL) {
                        rebuilt.intern(c, table.getString(c, slot));
                    }
                }
            }
            for (long slot = 0; slot < table.rowCount(); slot++) {
                long row = rebuilt.addRow(table.entityId(slot));
                Object[] values = model.get(table.entityId(slot));
                for (int c = 0; c < SCHEMA.columnCount(); c++) {
                    AllKinds.write(rebuilt, c, row, values[c], random);
                }
            }
            return ContentHash.hex(rebuilt);
        }
    }

    /** Applies what a recorder hears to a replica, as replay applies a log. */
    private static final class Replay implements TableRecorder {
        private final Table replica;

        Replay(Table replica) {
            this.replica = replica;
        }

        public void added(long entityId) {
            replica.addRow(entityId);
        }

        public void removed(long entityId) {
            replica.removeEntity(entityId);
        }

        public void set(long entityId, int column, long bits) {
            replica.setBits(column, replica.slotOf(entityId), bits);
        }

        public void setValue(long entityId, int column, long address, int length) {
            replica.setValue(column, replica.slotOf(entityId), address, length);
        }

        public void setElement(long entityId, int column, int index, long bits) {
            replica.setBits(column, replica.slotOf(entityId), index, bits);
        }

        public void dictionaryAdded(int column, int code, String entry) {
            assertEquals(code, replica.intern(column, entry));
        }
    }
}
