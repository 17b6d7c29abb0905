package io.tickstore.columns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.agrona.UnsafeApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a content hash sees: the table name, column names and types, and the live rows (entity ids and
 * values) in slot order. What it ignores: capacity, unused slots, the id counter, the schema version and how
 * the rows got there.
 *
 * <p>Row order is part of the content. Two tables holding the same entities with the same values in a
 * different slot order hash differently, because a snapshot's bytes (and a swap-remove's result) depend on
 * that order; the tests below build equal tables by routes that end in the same order.
 */
class ContentHashTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    private static final int ROWS = 50;

    /** Canonical values for row {@code i} of an all-types table, the same whatever table they go into. */
    private static long[][] rowValues(int rows) {
        SplittableRandom random = new SplittableRandom(7);
        ColumnType[] types = ColumnType.values();
        long[][] values = new long[rows][types.length];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < types.length; c++) {
                values[i][c] = TestSchemas.canonicalBits(types[c], random.nextLong());
            }
        }
        return values;
    }

    private Table filled(String name, long capacity) {
        Table t = Table.allocate(TestSchemas.allTypes(name), memory.root(), capacity);
        long[][] values = rowValues(ROWS);
        for (long[] row : values) {
            long slot = t.addRow();
            for (int c = 0; c < row.length; c++) {
                t.setBits(c, slot, row[c]);
            }
        }
        return t;
    }

    private static boolean sameHash(Table a, Table b) {
        return Arrays.equals(ContentHash.of(a), ContentHash.of(b));
    }

    @Test
    void aHashIs32BytesAndItsHexIs64Characters() {
        try (Table t = filled("t", 16)) {
            assertEquals(32, ContentHash.of(t).length);
            assertEquals(64, ContentHash.hex(t).length());
            assertArrayEquals(ContentHash.of(t), ContentHash.of(t), "hashing does not change the table");
        }
    }

    @Test
    void capacityDoesNotEnterTheHash() {
        try (Table small = filled("t", 16); Table large = filled("t", 100_000)) {
            assertEquals(ContentHash.hex(small), ContentHash.hex(large));
        }
    }

    @Test
    void theRouteToTheSameRowsDoesNotEnterTheHash() {
        long[][] values = rowValues(ROWS);
        try (Table direct = filled("t", 16);
             Table columnByColumn = Table.allocate(TestSchemas.allTypes("t"), memory.root(), 16);
             Table loaded = Table.allocate(TestSchemas.allTypes("t"), memory.root(), ROWS)) {
            // rows first, then values one column at a time, with a surplus row added and removed at the end
            for (int i = 0; i < ROWS + 1; i++) {
                columnByColumn.addRow();
            }
            for (int c = 0; c < ColumnType.values().length; c++) {
                for (int i = 0; i < ROWS; i++) {
                    columnByColumn.setBits(c, i, values[i][c]);
                }
            }
            columnByColumn.removeRow(ROWS);
            assertEquals(ROWS + 1, columnByColumn.nextEntityId(), "the id counter differs from the direct table's");

            // a bulk load writing raw bytes, as a snapshot reader does
            for (int i = 0; i < ROWS; i++) {
                UnsafeApi.putLong(loaded.entityIdAddress() + i * 8L, i);
                for (int c = 0; c < values[i].length; c++) {
                    ColumnType type = loaded.columnType(c);
                    long address = loaded.columnAddress(c) + ((long) i << type.log2Width());
                    switch (type.byteWidth()) {
                        case 1: UnsafeApi.putByte(address, (byte) values[i][c]); break;
                        case 2: UnsafeApi.putShort(address, (short) values[i][c]); break;
                        case 4: UnsafeApi.putInt(address, (int) values[i][c]); break;
                        default: UnsafeApi.putLong(address, values[i][c]); break;
                    }
                }
            }
            loaded.adoptLoadedRows(ROWS, 1_000);

            assertEquals(ContentHash.hex(direct), ContentHash.hex(columnByColumn));
            assertEquals(ContentHash.hex(direct), ContentHash.hex(loaded));
        }
    }

    @Test
    void theSchemaVersionDoesNotEnterTheHash() {
        Schema v1 = Schema.builder("t", 1).column("x", ColumnType.I32).build();
        Schema v3 = Schema.builder("t", 3).column("x", ColumnType.I32).build();
        try (Table a = Table.allocate(v1, memory.root(), 16); Table b = Table.allocate(v3, memory.root(), 16)) {
            a.setInt(0, a.addRow(), 5);
            b.setInt(0, b.addRow(), 5);
            assertEquals(ContentHash.hex(a), ContentHash.hex(b));
        }
    }

    @Test
    void rowOrderIsPartOfTheContent() {
        Schema schema = Schema.builder("t", 1).column("x", ColumnType.I32).build();
        try (Table ordered = Table.allocate(schema, memory.root(), 16); Table swapped = Table.allocate(schema, memory.root(), 16)) {
            ordered.setInt(0, ordered.addRow(0), 10);
            ordered.setInt(0, ordered.addRow(1), 11);
            swapped.setInt(0, swapped.addRow(1), 11);
            swapped.setInt(0, swapped.addRow(0), 10);
            assertFalse(sameHash(ordered, swapped), "same entities and values in another slot order are other content");
        }
    }

    @Test
    void anyValueChangeChangesTheHash() {
        for (int c = 0; c < ColumnType.values().length; c++) {
            int column = c;
            assertChanges(t -> t.setBits(column, ROWS - 1, t.getBits(column, ROWS - 1) ^ 1), "column " + c);
        }
    }

    /** The hash is over stored bytes, not numeric values: -0.0 == 0.0 numerically but the bytes differ. */
    @Test
    void negativeZeroAndZeroHashDifferently() {
        Schema schema = Schema.builder("t", 1).column("x", ColumnType.F64).build();
        try (Table zero = Table.allocate(schema, memory.root(), 16); Table negativeZero = Table.allocate(schema, memory.root(), 16)) {
            zero.setDouble(0, zero.addRow(), 0.0);
            negativeZero.setDouble(0, negativeZero.addRow(), -0.0);
            assertFalse(sameHash(zero, negativeZero));
        }
    }

    @Test
    void entityIdsAndRowCountEnterTheHash() {
        assertChanges(Table::addRow, "an added row");
        assertChanges(t -> t.removeRow(ROWS - 1), "a removed row");
        assertChanges(t -> UnsafeApi.putLong(t.entityIdAddress() + 8, 999), "another entity id");
    }

    private void assertChanges(Consumer<Table> change, String what) {
        try (Table before = filled("t", 16); Table after = filled("t", 16)) {
            change.accept(after);
            assertFalse(sameHash(before, after), what);
        }
    }

    @Test
    void tableNameColumnNameAndColumnTypeEnterTheHash() {
        Schema base = Schema.builder("t", 1).column("x", ColumnType.I32).build();
        Schema renamedTable = Schema.builder("u", 1).column("x", ColumnType.I32).build();
        Schema renamedColumn = Schema.builder("t", 1).column("y", ColumnType.I32).build();
        Schema retyped = Schema.builder("t", 1).column("x", ColumnType.U32).build();
        try (Table a = oneRow(base); Table b = oneRow(renamedTable); Table c = oneRow(renamedColumn); Table d = oneRow(retyped)) {
            assertFalse(sameHash(a, b), "table name");
            assertFalse(sameHash(a, c), "column name");
            assertFalse(sameHash(a, d), "column type, even with identical bytes");
        }
    }

    private Table oneRow(Schema schema) {
        Table t = Table.allocate(schema, memory.root(), 16);
        t.setInt(0, t.addRow(), 42);
        return t;
    }

    /** Pinned: the empty table's hash depends on nothing but its name and columns. */
    @Test
    void anEmptyTableHashIsStable() {
        Schema schema = Schema.builder("empty", 1).column("value", ColumnType.I32).build();
        try (Table fresh = Table.allocate(schema, memory.root(), 16);
             Table emptied = Table.allocate(schema, memory.root(), 1_000)) {
            for (int i = 0; i < 100; i++) {
                emptied.setInt(0, emptied.addRow(), i);
            }
            while (emptied.rowCount() > 0) {
                emptied.removeRow(0);
            }
            String expected = "38ea97fc363338212125fcd4cb8f850b98a06ba5c9fabddf72c31b2db4f0591e";
            assertEquals(expected, ContentHash.hex(fresh));
            assertEquals(expected, ContentHash.hex(emptied));
        }
    }

    @Test
    void tickGeneratorStateAndTheSetOfTablesEnterTheWorldHash() {
        try (World base = world(5, new byte[] {1, 2}); World otherTick = world(6, new byte[] {1, 2});
             World otherRng = world(5, new byte[] {1, 3}); World longerRng = world(5, new byte[] {1, 2, 0});
             World extraTable = world(5, new byte[] {1, 2})) {
            extraTable.createTable(Schema.builder("z", 1).column("x", ColumnType.I8).build(), 16);
            String hash = ContentHash.hex(base);
            assertFalse(hash.equals(ContentHash.hex(otherTick)), "tick");
            assertFalse(hash.equals(ContentHash.hex(otherRng)), "rng bytes");
            assertFalse(hash.equals(ContentHash.hex(longerRng)), "rng length");
            assertFalse(hash.equals(ContentHash.hex(extraTable)), "an extra, empty table");
        }
        try (World a = world(5, new byte[] {1, 2}); World b = world(5, new byte[] {1, 2})) {
            assertEquals(ContentHash.hex(a), ContentHash.hex(b));
            b.table("t").setInt(0, 0, 43);
            assertFalse(ContentHash.hex(a).equals(ContentHash.hex(b)), "a value in a table");
        }
    }

    private World world(long tick, byte[] rng) {
        World world = new World(memory.root());
        Table t = world.createTable(Schema.builder("t", 1).column("x", ColumnType.I32).build(), 16);
        t.setInt(0, t.addRow(), 42);
        world.setTick(tick);
        world.setRngState(rng);
        return world;
    }
}
