package io.tickstore.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Random adds, removes and writes against a plain heap model (entity id to the canonical bits of each
 * column), checked in full after every step. Slots are not modelled: swap-remove reorders rows, so the test
 * reaches every row through {@link Table#slotOf} and checks that slots and ids agree both ways.
 */
class TableModelPropertyTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    private static final int SEEDS = 20;
    private static final int OPERATIONS = 2_000;

    @Test
    void randomOperationsAgreeWithAHeapModel() {
        Schema schema = TestSchemas.allTypesWithDefaults("model");
        for (int seed = 0; seed < SEEDS; seed++) {
            try (Table table = Table.allocate(schema, memory.root(), 16)) {
                runOneSeed(seed, schema, table);
            }
        }
    }

    private static void runOneSeed(long seed, Schema schema, Table table) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<Long, long[]> model = new LinkedHashMap<>();
        Set<Long> removed = new HashSet<>();
        long nextId = 0;
        for (int step = 0; step < OPERATIONS; step++) {
            String where = "seed " + seed + " step " + step;
            int op = random.nextInt(100);
            if (op < 35 || model.isEmpty()) {
                long slot = table.addRow();
                assertEquals(nextId, table.entityId(slot), where);
                model.put(nextId++, defaults(schema));
            } else if (op < 40) {
                long id = pickRemovedOrFresh(random, removed, nextId);
                table.addRow(id);
                removed.remove(id);
                model.put(id, defaults(schema));
                nextId = Math.max(nextId, id + 1);
            } else if (op < 55) {
                long id = pick(random, model);
                table.removeEntity(id);
                model.remove(id);
                removed.add(id);
            } else if (op < 62) {
                long slot = random.nextLong(table.rowCount());
                long id = table.removeRow(slot);
                assertTrue(model.containsKey(id), where);
                model.remove(id);
                removed.add(id);
            } else if (op < 99) {
                long id = pick(random, model);
                int column = random.nextInt(schema.columnCount());
                long value = TestSchemas.canonicalBits(schema.column(column).type(), random.nextLong());
                write(table, column, table.slotOf(id), value);
                model.get(id)[column] = value;
            } else {
                table.clear();
                removed.addAll(model.keySet());
                model.clear();
            }
            assertAgrees(where, schema, table, model, removed, nextId);
        }
    }

    /**
     * Writes through the typed setter half of the time and through setBits otherwise, so both paths are covered.
     * NaNs always go through setBits: a float NaN passed by value need not keep its exact payload.
     */
    private static void write(Table table, int column, long slot, long bits) {
        if ((bits & 2) == 0 || Double.isNaN(ColumnValues.toDouble(table.columnType(column), bits))) {
            table.setBits(column, slot, bits);
            return;
        }
        switch (table.columnType(column)) {
            case I8: case U8: table.setByte(column, slot, (byte) bits); break;
            case I16: case U16: table.setShort(column, slot, (short) bits); break;
            case I32: case U32: table.setInt(column, slot, (int) bits); break;
            case I64: case U64: table.setLong(column, slot, bits); break;
            case F32: table.setFloat(column, slot, Float.intBitsToFloat((int) bits)); break;
            case F64: table.setDouble(column, slot, Double.longBitsToDouble(bits)); break;
            case BOOL: table.setBoolean(column, slot, bits != 0); break;
            default: throw new AssertionError(table.columnType(column));
        }
    }

    private static long[] defaults(Schema schema) {
        long[] values = new long[schema.columnCount()];
        for (int c = 0; c < values.length; c++) {
            values[c] = schema.column(c).defaultValue().bits();
        }
        return values;
    }

    private static long pick(SplittableRandom random, Map<Long, long[]> model) {
        List<Long> ids = new ArrayList<>(model.keySet());
        return ids.get(random.nextInt(ids.size()));
    }

    private static long pickRemovedOrFresh(SplittableRandom random, Set<Long> removed, long nextId) {
        if (!removed.isEmpty() && random.nextBoolean()) {
            List<Long> ids = new ArrayList<>(removed);
            return ids.get(random.nextInt(ids.size()));
        }
        return nextId + random.nextInt(5);
    }

    private static void assertAgrees(String where, Schema schema, Table table, Map<Long, long[]> model, Set<Long> removed, long nextId) {
        assertEquals(model.size(), table.rowCount(), where);
        assertEquals(nextId, table.nextEntityId(), where);
        for (Map.Entry<Long, long[]> entry : model.entrySet()) {
            long slot = table.slotOf(entry.getKey());
            assertTrue(slot >= 0, where + ": entity " + entry.getKey() + " is live");
            assertEquals(entry.getKey(), table.entityId(slot), where);
            for (int c = 0; c < schema.columnCount(); c++) {
                if (table.getBits(c, slot) != entry.getValue()[c]) {
                    assertEquals(entry.getValue()[c], table.getBits(c, slot),
                            where + ": entity " + entry.getKey() + " column " + schema.column(c).name());
                }
            }
        }
        for (long id : removed) {
            assertEquals(-1, table.slotOf(id), where + ": entity " + id + " was removed");
        }
    }
}
