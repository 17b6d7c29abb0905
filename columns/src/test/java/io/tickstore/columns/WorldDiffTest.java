package io.tickstore.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.internal.DidYouMean;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two worlds compared row by row by entity id: rows added and removed, per column the values that changed. */
class WorldDiffTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    private static final Schema HERD = Schema.builder("herd", 1).column("weight", ColumnType.F32).column("age", ColumnType.I32).build();

    private World herd(float... weights) {
        World world = new World(memory.root());
        Table t = world.createTable(HERD, 16);
        for (float w : weights) {
            long slot = t.addRow();
            t.setFloat(0, slot, w);
            t.setInt(1, slot, (int) slot);
        }
        return world;
    }

    @Test
    void rowsAreMatchedByEntityIdWhateverTheirSlots() {
        try (World before = herd(1f, 2f, 3f, 4f); World after = herd(1f, 2f, 3f, 4f)) {
            Table t = after.table("herd");
            t.removeEntity(0);                   // entity 3 moves into slot 0
            long born = t.addRow();              // entity 4
            t.setFloat(0, born, 9f);
            t.setFloat(0, t.slotOf(2), 3.25f);   // one weight changed by a little
            after.setTick(1);
            WorldDiff.Comparison diff = WorldDiff.compare(before, after, -1, 10);
            assertFalse(diff.identical());
            assertEquals(1, diff.afterTick());
            WorldDiff.TableChanges changes = diff.tables().get(0);
            assertEquals(1, changes.added());
            assertEquals(List.of(4L), changes.addedIds());
            assertEquals(1, changes.removed());
            assertEquals(List.of(0L), changes.removedIds());
            WorldDiff.ColumnChanges weight = changes.columns().get(0);
            assertEquals("weight", weight.column());
            assertEquals(1, weight.changed(), "entity 3 moved slots, which is no change");
            assertEquals(0.25, weight.maxDifference());
            assertEquals(List.of(new WorldDiff.Change(2, Float.floatToRawIntBits(3f), Float.floatToRawIntBits(3.25f))), weight.examples());
            WorldDiff.ColumnChanges age = changes.columns().get(1);
            assertEquals(0, age.changed(), "age holds the slot it was written at, so entity 3 keeps its own");

            assertEquals(0, WorldDiff.compare(before, after, 0.5, 10).tables().get(0).columns().get(0).changed(), "within the tolerance");
        }
    }

    @Test
    void exactComparisonTellsNegativeZeroAndNaNPayloadsApartAToleranceDoesNot() {
        try (World a = herd(0f, Float.NaN); World b = herd(-0f, Float.intBitsToFloat(0x7fc00001))) {
            assertEquals(2, WorldDiff.compare(a, b, -1, 10).tables().get(0).columns().get(0).changed());
            assertTrue(WorldDiff.compare(a, b, 0, 10).identical());
            assertTrue(WorldDiff.compare(a, a, -1, 10).identical());
        }
    }

    @Test
    void aTableOnlyOneWorldHasCountsAllItsRows() {
        try (World a = herd(1f, 2f); World b = new World(memory.root())) {
            WorldDiff.TableChanges only = WorldDiff.compare(a, b, -1, 1).tables().get(0);
            assertTrue(only.inBefore());
            assertFalse(only.inAfter());
            assertEquals(2, only.removed());
            assertEquals(List.of(0L), only.removedIds(), "examples are limited, counts are not");
        }
    }

    @Test
    void misspeltNamesGetTheCloseOnes() {
        assertEquals("; did you mean energy?", DidYouMean.suffix("enrgy", List.of("pos_x", "energy", "gen")));
        assertEquals("; did you mean creatures?", DidYouMean.suffix("Creature", List.of("creatures", "kinds")));
        assertEquals("; did you mean pos_x or pos_y?", DidYouMean.suffix("pos", List.of("pos_x", "pos_y", "vel_x")));
        assertEquals("", DidYouMean.suffix("zzz", List.of("energy")));
        try (World world = herd(1f)) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> world.table("hrd"));
            assertTrue(e.getMessage().endsWith("; did you mean herd?"), e.getMessage());
            e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> world.table("herd").columnIndex("wieght"));
            assertTrue(e.getMessage().endsWith("; did you mean weight?"), e.getMessage());
        }
    }
}
