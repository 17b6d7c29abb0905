package io.tickstore.columns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WorldTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    private static Schema schema(String name) {
        return Schema.builder(name, 1).column("value", ColumnType.I32).build();
    }

    @Test
    void tablesAreFoundByNameAndListedInNameOrder() {
        try (World world = new World(memory.root())) {
            Table zeta = world.createTable(schema("zeta"), 16);
            Table alpha = world.createTable(schema("alpha"), 16);
            assertSame(zeta, world.table("zeta"));
            assertSame(alpha, world.table("alpha"));
            assertTrue(world.hasTable("alpha"));
            assertFalse(world.hasTable("beta"));
            assertEquals(List.of(alpha, zeta), world.tables());
            assertSame(memory.root(), world.allocator());
        }
    }

    @Test
    void aMissingTableIsReportedWithTheTablesThereAre() {
        try (World world = new World(memory.root())) {
            world.createTable(schema("a"), 16);
            world.createTable(schema("b"), 16);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> world.table("c"));
            assertEquals("world has no table 'c' (tables: a, b)", e.getMessage());
        }
    }

    @Test
    void aSecondTableOfTheSameNameIsRejected() {
        try (World world = new World(memory.root())) {
            world.createTable(schema("a"), 16);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> world.createTable(schema("a"), 16));
            assertEquals("world already has a table 'a'", e.getMessage());
            assertEquals(1, world.tables().size());
            assertEquals(1, memory.root().getChildAllocators().size(), "the rejected table allocated nothing");
        }
    }

    @Test
    void anAdoptedTableIsOwnedAndClosedByTheWorld() {
        Table loaded = Table.allocate(schema("loaded"), memory.root(), 16);
        try (World world = new World(memory.root())) {
            world.adopt(loaded);
            assertSame(loaded, world.table("loaded"));
        }
        assertTrue(loaded.isClosed());
    }

    @Test
    void adoptingASecondTableOfTheSameNameIsRejectedAndLeavesItWithTheCaller() {
        try (World world = new World(memory.root());
             Table duplicate = Table.allocate(schema("a"), memory.root(), 16)) {
            Table first = world.createTable(schema("a"), 16);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> world.adopt(duplicate));
            assertEquals("world already has a table 'a'", e.getMessage());
            assertSame(first, world.table("a"));
            assertFalse(duplicate.isClosed());
        }
    }

    @Test
    void aClosedTableCannotBeAdopted() {
        Table closed = Table.allocate(schema("gone"), memory.root(), 16);
        closed.close();
        try (World world = new World(memory.root())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> world.adopt(closed));
            assertTrue(e.getMessage().contains("'gone'"), e.getMessage());
            assertFalse(world.hasTable("gone"));
        }
    }

    @Test
    void tickAndGeneratorStateAreKeptAsGiven() {
        try (World world = new World(memory.root())) {
            assertEquals(0, world.tick());
            assertArrayEquals(new byte[0], world.rngState());
            world.setTick(123);
            assertEquals(123, world.tick());
            byte[] state = {1, 2, 3};
            world.setRngState(state);
            assertArrayEquals(new byte[] {1, 2, 3}, world.rngState());
        }
    }

    @Test
    void generatorStateIsCopiedInAndOut() {
        try (World world = new World(memory.root())) {
            byte[] state = {1, 2, 3};
            world.setRngState(state);
            state[0] = 9;
            assertArrayEquals(new byte[] {1, 2, 3}, world.rngState(), "changing the array given does not change the world");
            world.rngState()[1] = 9;
            assertArrayEquals(new byte[] {1, 2, 3}, world.rngState(), "changing the array returned does not change the world");
        }
    }

    @Test
    void totalRowsCountsEveryTable() {
        try (World world = new World(memory.root())) {
            Table a = world.createTable(schema("a"), 16);
            Table b = world.createTable(schema("b"), 16);
            a.addRow();
            b.addRow();
            b.addRow();
            assertEquals(3, world.totalRows());
        }
    }

    @Test
    void closingTheWorldClosesEveryTableAndReturnsTheirMemory() {
        World world = new World(memory.root());
        Table a = world.createTable(schema("a"), 16);
        Table b = world.createTable(schema("b"), 1000);
        a.addRow();
        world.close();
        assertTrue(a.isClosed());
        assertTrue(b.isClosed());
        assertEquals(0, memory.root().getAllocatedMemory());
        world.close();
    }

    @Test
    void aClosedWorldRefusesUse() {
        World world = new World(memory.root());
        world.createTable(schema("a"), 16);
        world.close();
        assertThrows(IllegalStateException.class, () -> world.createTable(schema("b"), 16));
        assertThrows(IllegalStateException.class, () -> world.table("a"));
        assertThrows(IllegalStateException.class, world::tables);
        assertThrows(IllegalStateException.class, world::totalRows);
        assertThrows(IllegalStateException.class, () -> world.hasTable("a"));
        assertThrows(IllegalStateException.class, () -> ContentHash.of(world),
                "a closed world must not hash like an empty one");
        Table late = Table.allocate(schema("late"), memory.root(), 16);
        try {
            assertThrows(IllegalStateException.class, () -> world.adopt(late));
        } finally {
            late.close();
        }
    }
}
