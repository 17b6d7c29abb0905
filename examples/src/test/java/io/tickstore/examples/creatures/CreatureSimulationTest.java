package io.tickstore.examples.creatures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.internal.TableRecorder;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimRandom;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.util.HashSet;
import java.util.Set;
import org.agrona.UnsafeApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CreatureSimulationTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    private static final int ENTITIES = 2_000;

    private String hashAfter(long seed, int ticks) {
        try (World world = CreatureSimulation.newWorld(memory.root(), seed, ENTITIES)) {
            new CreatureSimulation(world).run(ticks);
            assertEquals(ticks, world.tick());
            return ContentHash.hex(world);
        }
    }

    @Test
    void aNewWorldHoldsTheRequestedCreaturesAtTickZero() {
        try (World world = CreatureSimulation.newWorld(memory.root(), 1, ENTITIES)) {
            Table creatures = world.table(CreatureSimulation.TABLE);
            assertEquals(CreatureSimulation.SCHEMA, creatures.schema());
            assertEquals(ENTITIES, creatures.rowCount());
            assertEquals(0, world.tick());
            assertEquals(SimRandom.STATE_BYTES, world.rngState().length);
            assertInvariants(creatures);
        }
    }

    @Test
    void theSameSeedGivesTheSameWorldAfter50Ticks() {
        assertEquals(hashAfter(42, 50), hashAfter(42, 50));
    }

    @Test
    void differentSeedsGiveDifferentWorlds() {
        assertNotEquals(hashAfter(42, 50), hashAfter(43, 50));
        assertNotEquals(hashAfter(42, 0), hashAfter(43, 0));
    }

    @Test
    void birthsAndDeathsBothHappenWithin200Ticks() {
        try (World world = CreatureSimulation.newWorld(memory.root(), 7, ENTITIES)) {
            CreatureSimulation sim = new CreatureSimulation(world);
            sim.run(200);
            assertTrue(sim.births() > 0, "births: " + sim.births());
            assertTrue(sim.deaths() > 0, "deaths: " + sim.deaths());
            assertEquals(ENTITIES + sim.births() - sim.deaths(), world.table(CreatureSimulation.TABLE).rowCount());
            assertEquals(ENTITIES + sim.births(), world.table(CreatureSimulation.TABLE).nextEntityId(),
                    "every birth took a fresh entity id");
        }
    }

    /** Neither extinction nor explosion: the population stays within 0.2x..5x of the start for 300 ticks. */
    @Test
    void thePopulationStaysWithinABandOver300Ticks() {
        for (long seed : new long[] {1, 2, 3}) {
            try (World world = CreatureSimulation.newWorld(memory.root(), seed, ENTITIES)) {
                CreatureSimulation sim = new CreatureSimulation(world);
                for (int tick = 1; tick <= 300; tick++) {
                    sim.step();
                    long rows = world.table(CreatureSimulation.TABLE).rowCount();
                    assertTrue(rows >= ENTITIES / 5 && rows <= ENTITIES * 5, "seed " + seed + " tick " + tick + ": " + rows + " creatures");
                }
            }
        }
    }

    @Test
    void everyLiveCreatureKeepsItsInvariantsAfterEveryStep() {
        try (World world = CreatureSimulation.newWorld(memory.root(), 11, ENTITIES)) {
            CreatureSimulation sim = new CreatureSimulation(world);
            Table creatures = world.table(CreatureSimulation.TABLE);
            for (int tick = 0; tick < 200; tick++) {
                sim.step();
                assertInvariants(creatures);
            }
        }
    }

    /** Energy is positive, the id column is the entity id, positions are on the torus and speeds are capped. */
    private static void assertInvariants(Table creatures) {
        for (long row = 0; row < creatures.rowCount(); row++) {
            long entityId = creatures.entityId(row);
            String where = "entity " + entityId + " at slot " + row;
            assertTrue(creatures.getFloat(CreatureSimulation.ENERGY, row) > 0f, where);
            assertEquals(entityId, creatures.getUnsignedInt(CreatureSimulation.ID, row), where);
            float x = creatures.getFloat(CreatureSimulation.POS_X, row);
            float y = creatures.getFloat(CreatureSimulation.POS_Y, row);
            assertTrue(x >= 0f && x < CreatureSimulation.WORLD_SIZE && y >= 0f && y < CreatureSimulation.WORLD_SIZE, where);
            assertTrue(Math.abs(creatures.getFloat(CreatureSimulation.VEL_X, row)) <= CreatureSimulation.MAX_SPEED, where);
            assertTrue(Math.abs(creatures.getFloat(CreatureSimulation.VEL_Y, row)) <= CreatureSimulation.MAX_SPEED, where);
        }
    }

    /**
     * Pause and resume: a world copied at tick 50 into fresh memory, through nothing but the public API a
     * snapshot loader uses, continues exactly as the uninterrupted run.
     */
    @Test
    void aCopiedWorldContinuesExactlyAsTheOriginal() {
        try (World original = CreatureSimulation.newWorld(memory.root(), 5, ENTITIES)) {
            CreatureSimulation uninterrupted = new CreatureSimulation(original);
            uninterrupted.run(50);
            try (World resumed = copyOf(original)) {
                assertEquals(ContentHash.hex(original), ContentHash.hex(resumed));
                uninterrupted.run(100);
                new CreatureSimulation(resumed).run(100);
                assertEquals(150, resumed.tick());
                assertEquals(ContentHash.hex(original), ContentHash.hex(resumed));
            }
        }
    }

    private World copyOf(World source) {
        World copy = new World(memory.root());
        try {
            for (Table from : source.tables()) {
                Table to = Table.allocate(from.schema(), copy.allocator(), from.rowCount());
                try {
                    for (int c = 0; c < from.schema().columnCount(); c++) {
                        UnsafeApi.copyMemory(from.columnAddress(c), to.columnAddress(c), from.columnByteLength(c));
                    }
                    UnsafeApi.copyMemory(from.entityIdAddress(), to.entityIdAddress(), from.rowCount() * 8);
                    to.adoptLoadedRows(from.rowCount(), from.nextEntityId());
                    copy.adopt(to);
                } catch (RuntimeException e) {
                    to.close();
                    throw e;
                }
            }
            copy.setTick(source.tick());
            copy.setRngState(source.rngState());
            return copy;
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    /**
     * Every write of the cleanup pass reaches a table recorder, so applying the reported sequence to a copy of the
     * starting world (the way a log replay does) rebuilds the live world byte for byte, tick after tick.
     */
    @Test
    void theCreatureSchemaIs36BytesARow() {
        assertEquals(8, CreatureSimulation.SCHEMA.columnCount());
        assertEquals(36, CreatureSimulation.SCHEMA.rowWidth());
    }

    @Test
    void replayingWhatTheRecorderSawRebuildsTheLiveWorldExactly() {
        try (World live = CreatureSimulation.newWorld(memory.root(), 13, ENTITIES); World copy = copyOf(live)) {
            Table table = live.table(CreatureSimulation.TABLE);
            table.attachRecorder(new ApplyingRecorder(copy.table(CreatureSimulation.TABLE)));
            CreatureSimulation sim = new CreatureSimulation(live);
            for (int tick = 1; tick <= 200; tick++) {
                sim.step();
                copy.setTick(live.tick());
                copy.setRngState(live.rngState());
                assertEquals(ContentHash.hex(live), ContentHash.hex(copy), "after tick " + tick);
            }
            table.detachRecorder();
            assertTrue(sim.births() > 0 && sim.deaths() > 0, "births and deaths were both replayed");
        }
    }

    /** Sparse by design: a tick changes about a tenth of the rows, so a log of mutations stays small. */
    @Test
    void aTickChangesOnlyAFractionOfTheCreatures() {
        try (World world = CreatureSimulation.newWorld(memory.root(), 3, ENTITIES)) {
            Set<Long> touched = new HashSet<>();
            Table table = world.table(CreatureSimulation.TABLE);
            table.attachRecorder(new TableRecorder() {
                @Override
                public void added(long entityId) {
                }

                @Override
                public void removed(long entityId) {
                }

                @Override
                public void set(long entityId, int column, long bits) {
                    touched.add(entityId);
                }
            });
            CreatureSimulation sim = new CreatureSimulation(world);
            for (int tick = 0; tick < 50; tick++) {
                touched.clear();
                sim.step();
                long rows = table.rowCount();
                assertTrue(touched.size() > rows / 20 && touched.size() < rows / 5,
                        "tick " + world.tick() + ": " + touched.size() + " of " + rows + " creatures changed");
            }
            table.detachRecorder();
        }
    }

    /** A recorder that applies each change to another table, exactly as a log replay does. */
    private static final class ApplyingRecorder implements TableRecorder {
        private final Table target;

        ApplyingRecorder(Table target) {
            this.target = target;
        }

        @Override
        public void added(long entityId) {
            target.addRow(entityId);
        }

        @Override
        public void removed(long entityId) {
            target.removeEntity(entityId);
        }

        @Override
        public void set(long entityId, int column, long bits) {
            target.setBits(column, target.slotOf(entityId), bits);
        }
    }

    @Test
    void aWorldWithoutTheCreatureTableOrWithAnotherSchemaIsRejected() {
        try (World empty = new World(memory.root())) {
            assertThrows(IllegalArgumentException.class, () -> new CreatureSimulation(empty));
        }
        try (World other = new World(memory.root())) {
            other.createTable(Schema.builder(CreatureSimulation.TABLE, 1).column("pos_x", ColumnType.F64).build(), 16);
            other.setRngState(new SimRandom(1).state());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CreatureSimulation(other));
            assertTrue(e.getMessage().contains("table 'creatures' has schema"), e.getMessage());
        }
    }

    @Test
    void aWorldWithoutGeneratorStateIsRejected() {
        try (World world = new World(memory.root())) {
            world.createTable(CreatureSimulation.SCHEMA, 16);
            assertThrows(IllegalArgumentException.class, () -> new CreatureSimulation(world));
        }
    }

    @Test
    void positionsWrapOntoTheTorusAndNeverReachWorldSize() {
        assertEquals(999f, CreatureSimulation.wrap(-1f));
        assertEquals(1f, CreatureSimulation.wrap(1001f));
        assertEquals(0f, CreatureSimulation.wrap(1000f));
        assertEquals(500f, CreatureSimulation.wrap(500f));
        float justBelowZero = -1e-6f;
        assertTrue(justBelowZero + CreatureSimulation.WORLD_SIZE == CreatureSimulation.WORLD_SIZE, "the sum rounds up to the edge");
        float wrapped = CreatureSimulation.wrap(justBelowZero);
        assertTrue(wrapped >= 0f && wrapped < CreatureSimulation.WORLD_SIZE, "wrapped to " + wrapped);
    }
}
